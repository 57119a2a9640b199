using System.Net;

namespace TeamsItBot.Framework.Connector;

/// <summary>
/// Sits inside the retry pipeline, so it sees every attempt: an attempt to a paused conversation
/// waits out the pause first (or fails with the remaining Retry-After when that is too long), and
/// a 429 pauses the conversation for everyone sending to it, not only for the request that got it.
/// </summary>
public sealed class ConnectorThrottleHandler(ConnectorThrottle throttle) : DelegatingHandler
{
    /// <summary>The conversation a request is for, set by <see cref="ConnectorClient"/>.</summary>
    public static readonly HttpRequestOptionsKey<string> ConversationKey = new("TeamsItBot.ConversationKey");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(ConversationKey, out var conversation))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        await throttle.WaitOutPauseAsync(conversation, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throttle.Pause(conversation, ConnectorClient.ReadRetryAfter(response));
        }

        return response;
    }
}
