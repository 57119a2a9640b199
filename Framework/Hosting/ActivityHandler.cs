using System.Text.Json;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

/// <summary>Dispatches a turn by activity type, like the SDK's ActivityHandler.</summary>
public abstract class ActivityHandler : IBot
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken);
                break;
            case ActivityTypes.Invoke:
                var response = await OnInvokeActivityAsync(turnContext, cancellationToken);
                if (response is not null && turnContext is not TurnContext { InvokeResponse: not null })
                {
                    await turnContext.SetInvokeResponseAsync(response, cancellationToken);
                }

                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var added = turnContext.Activity.MembersAdded;
        return added is { Count: > 0 } ? OnMembersAddedAsync(added, turnContext, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Members who joined; the bot itself is among them when it was just installed.</summary>
    protected virtual Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns the synchronous invoke response; unknown invokes get 501.</summary>
    protected virtual async Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name == AdaptiveCardActionInvoke)
        {
            var value = AdaptiveCardInvokeValue.TryParse(turnContext.Activity.GetValueElement());
            if (value is null)
            {
                return new InvokeResponse(400, AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The invoke value has no action."));
            }

            var result = await OnAdaptiveCardInvokeAsync(turnContext, value, cancellationToken);
            return new InvokeResponse(200, result);
        }

        return new InvokeResponse(501);
    }

    protected virtual Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        Task.FromResult(AdaptiveCardInvokeResponse.Error(501, "NotImplemented", "This card action is not supported."));
}

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeValue(string? ActionType, string? Verb, JsonElement Data, string? Trigger)
{
    public static AdaptiveCardInvokeValue? TryParse(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new AdaptiveCardInvokeValue(
            GetString(action, "type"),
            GetString(action, "verb"),
            action.TryGetProperty("data", out var data) ? data.Clone() : default,
            GetString(root, "trigger"));
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
