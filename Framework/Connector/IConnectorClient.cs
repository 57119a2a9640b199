using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Connector;

/// <summary>The Bot Connector REST API for one serviceUrl (v3/conversations).</summary>
public interface IConnectorClient
{
    Task<ResourceResponse> ReplyToActivityAsync(string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>
    /// GET v3/conversations/{id}/members/{userId}: the member as Teams knows them (Teams adds email,
    /// userPrincipalName, givenName... as extra properties); null when the connector answers 404.
    /// </summary>
    Task<ChannelAccount?> GetConversationMemberAsync(string conversationId, string userId, CancellationToken cancellationToken = default);
}

public interface IConnectorClientFactory
{
    /// <exception cref="UntrustedServiceUrlException">No authenticated activity vouched for this serviceUrl.</exception>
    IConnectorClient Create(string serviceUrl);
}

/// <summary>Outbound bearer tokens for the connector; null means send no token (local mode).</summary>
public interface IBotTokenProvider
{
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}

public sealed class UntrustedServiceUrlException(string serviceUrl)
    : Exception($"Refusing to call '{serviceUrl}': it is not the serviceUrl of an authenticated activity.");

public sealed class ConnectorException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>The connector's Retry-After (429/503): how long before the same send may be tried again.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
