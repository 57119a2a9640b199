using System.Net.Http.Headers;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Connector;

/// <summary>
/// Calls the connector of one serviceUrl. Retries (412, 429 with Retry-After, 502/503/504) are
/// done by the resilience handler of the named HttpClient, so a 500 is never blindly re-posted.
/// Sends are paced per conversation and tenant by <paramref name="throttle"/> (none: unpaced).
/// </summary>
public sealed class ConnectorClient(HttpClient httpClient, string serviceUrl, IBotTokenProvider tokenProvider, ConnectorThrottle? throttle = null) : IConnectorClient
{
    public const string HttpClientName = "BotConnector";

    private readonly string _baseUrl = TrustedServiceUrls.Normalize(serviceUrl);

    public Task<ResourceResponse> ReplyToActivityAsync(string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, conversationId, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken);

    public Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, conversationId, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, conversationId, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);

    public async Task<ChannelAccount?> GetConversationMemberAsync(string conversationId, string userId, CancellationToken cancellationToken = default)
    {
        var path = $"v3/conversations/{Escape(conversationId)}/members/{Escape(userId)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_baseUrl}/{path}");
        var token = await tokenProvider.GetAccessTokenAsync(cancellationToken);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException((int)response.StatusCode, $"The connector answered {(int)response.StatusCode} to GET {path}.");
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ChannelAccount>(await response.Content.ReadAsStringAsync(cancellationToken), BotJson.Options);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<IDisposable?> AcquireTurnAsync(HttpRequestMessage request, ConnectorThrottle throttle, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        // One key per thread of one connector: the pacing and a 429's pause apply to it alone.
        var conversation = _baseUrl + "|" + conversationId;
        request.Options.Set(ConnectorThrottleHandler.ConversationKey, conversation);
        return await throttle.AcquireAsync(activity.TenantId, conversation, cancellationToken);
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    /// <summary>Retry-After as a delay (seconds or an HTTP date), or null when absent.</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }

    private async Task<ResourceResponse> SendAsync(HttpMethod method, string conversationId, string path, Activity activity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"{_baseUrl}/{path}")
        {
            Content = new ActivityJsonContent(activity),
        };
        using var turn = throttle is null ? null : await AcquireTurnAsync(request, throttle, conversationId, activity, cancellationToken);

        var token = await tokenProvider.GetAccessTokenAsync(cancellationToken);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException((int)response.StatusCode, $"The connector answered {(int)response.StatusCode} to {method} {path}.")
            {
                RetryAfter = ReadRetryAfter(response),
            };
        }

        if (response.Content.Headers.ContentLength == 0)
        {
            return new ResourceResponse(null);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ResourceResponse(null);
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ResourceResponse>(body, BotJson.Options) ?? new ResourceResponse(null);
        }
        catch (System.Text.Json.JsonException)
        {
            return new ResourceResponse(null);
        }
    }
}
