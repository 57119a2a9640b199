using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

/// <summary>The adapter for real traffic: replies travel through the Bot Connector REST API.</summary>
public sealed class CloudAdapter(IConnectorClientFactory connectorClientFactory) : BotAdapter
{
    /// <summary>Runs one authenticated inbound activity; returns the invoke response for invokes.</summary>
    public async Task<InvokeResponse?> ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var turnContext = new TurnContext(this, activity);
        await RunPipelineAsync(turnContext, callback, cancellationToken);
        return activity.IsType(ActivityTypes.Invoke)
            ? turnContext.InvokeResponse ?? new InvokeResponse(501)
            : null;
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var client = connectorClientFactory.Create(Require(activity.ServiceUrl, "serviceUrl"));
            var conversationId = Require(activity.Conversation?.Id, "conversation.id");
            responses[i] = string.IsNullOrEmpty(activity.ReplyToId)
                ? await client.SendToConversationAsync(conversationId, activity, cancellationToken)
                : await client.ReplyToActivityAsync(conversationId, activity.ReplyToId, activity, cancellationToken);
        }

        return responses;
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        var client = connectorClientFactory.Create(Require(activity.ServiceUrl, "serviceUrl"));
        return client.UpdateActivityAsync(Require(activity.Conversation?.Id, "conversation.id"), Require(activity.Id, "id"), activity, cancellationToken);
    }

    private static string Require(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new InvalidOperationException($"The outgoing activity has no {name}.") : value;
}
