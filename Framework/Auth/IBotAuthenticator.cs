using System.Security.Claims;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Auth;

/// <summary>Validates the bearer token of an inbound activity as the Bot Connector contract says.</summary>
public interface IBotAuthenticator
{
    Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken = default);
}

/// <summary>
/// Outcome of authentication. <see cref="StatusCode"/> is 401 for a bad or missing token and 503
/// when the metadata needed to judge it cannot be fetched; a failure never runs the turn.
/// </summary>
public sealed record BotAuthenticationResult(bool Succeeded, int StatusCode, string? FailureReason, ClaimsIdentity? Identity)
{
    public bool IsAnonymous => Succeeded && Identity is null;

    /// <summary>
    /// The serviceUrl the validated token vouched for (its <c>serviceurl</c> claim): the only host
    /// an authenticated turn may make the bot call with its connector token.
    /// </summary>
    public string? ServiceUrl { get; init; }

    public static BotAuthenticationResult Anonymous { get; } = new(true, 200, null, null);

    public static BotAuthenticationResult Success(ClaimsIdentity identity, string serviceUrl) => new(true, 200, null, identity) { ServiceUrl = serviceUrl };

    public static BotAuthenticationResult Unauthorized(string reason) => new(false, 401, reason, null);

    public static BotAuthenticationResult Unavailable(string reason) => new(false, 503, reason, null);
}
