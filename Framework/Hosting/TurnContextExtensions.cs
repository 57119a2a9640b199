using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

public static class TurnContextExtensions
{
    public static Task<ResourceResponse> SendActivityAsync(this ITurnContext turnContext, string text, CancellationToken cancellationToken = default) =>
        turnContext.SendActivityAsync(Activity.CreateMessageActivity(text), cancellationToken);

    /// <summary>Shows the typing indicator: progress feedback before slow work.</summary>
    public static Task<ResourceResponse> SendTypingAsync(this ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        turnContext.SendActivityAsync(Activity.CreateTypingActivity(), cancellationToken);

    /// <summary>Sets the synchronous answer of an invoke activity.</summary>
    public static Task SetInvokeResponseAsync(this ITurnContext turnContext, InvokeResponse response, CancellationToken cancellationToken = default) =>
        turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = response }, cancellationToken);
}
