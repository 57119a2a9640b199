using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Auth;

/// <summary>
/// Validates the Bot Connector's bearer token: a Bot Framework token (issuer
/// <see cref="BotFrameworkOptions.BotFrameworkIssuer"/>, keys endorsed for the channel) or an
/// Entra ID token of an accepted tenant, each against the keys of its own OpenID metadata, and
/// either way with a <c>serviceurl</c> claim matching the activity (the URL it vouches for).
/// Never throws for a bad token or unreachable metadata: the result says 401 or 503.
/// </summary>
internal sealed partial class JwtBotAuthenticator(
    IOptions<BotFrameworkOptions> options,
    OpenIdKeyCache keyCache,
    ILogger<JwtBotAuthenticator> logger) : IBotAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const string ServiceUrlClaim = "serviceurl";
    private const string StsIssuerPrefix = "https://sts.windows.net/";
    private const string LoginIssuerPrefix = "https://login.microsoftonline.com/";
    private const string LoginIssuerSuffix = "/v2.0";

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken = default)
    {
        var result = await ValidateAsync(authorizationHeader, activity, cancellationToken);
        if (!result.Succeeded)
        {
            LogRejected(activity.Id, result.StatusCode, result.FailureReason);
        }

        return result;
    }

    private async Task<BotAuthenticationResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = ReadBearerToken(authorizationHeader);
        if (token is null)
        {
            return BotAuthenticationResult.Unauthorized("the Authorization header is not a Bearer token");
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return BotAuthenticationResult.Unauthorized("the token is not a well-formed JWT");
        }

        // Checked before any key lookup, so alg=none and HMAC tokens never reach the keys.
        if (!Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return BotAuthenticationResult.Unauthorized("the token's signing algorithm is not accepted");
        }

        var issuer = ResolveIssuer(jwt.Issuer, settings);
        if (issuer.Rejection is not null)
        {
            return BotAuthenticationResult.Unauthorized(issuer.Rejection);
        }

        var keys = await keyCache.GetKeysAsync(issuer.MetadataUrl!, jwt.Kid, cancellationToken);
        if (keys is null)
        {
            return BotAuthenticationResult.Unavailable("the signing keys could not be fetched");
        }

        var appId = settings.MicrosoftAppId!;
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = issuer.ValidIssuers,
            ValidAudiences = [appId, $"api://{appId}"],
            IssuerSigningKeys = keys.SecurityKeys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            AuthenticationType = "Bearer",
        };

        var validation = await _handler.ValidateTokenAsync(jwt, parameters);
        if (!validation.IsValid)
        {
            return BotAuthenticationResult.Unauthorized($"token validation failed: {validation.Exception?.GetType().Name ?? "unknown"}");
        }

        // Every family must vouch for the serviceUrl: the bot answers there with its own connector
        // token. Any app registration in the tenant (any tenant, for a multi-tenant app id) can get
        // an Entra token with aud = the bot, but only the Bot Connector's tokens carry this claim.
        if (!jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
        {
            return BotAuthenticationResult.Unauthorized("the token has no serviceurl claim");
        }

        if (!SameServiceUrl(serviceUrl, activity.ServiceUrl))
        {
            return BotAuthenticationResult.Unauthorized("the token's serviceurl claim does not match the activity's serviceUrl");
        }

        if (issuer.IsBotFramework)
        {
            var signingKey = keys.Find((validation.SecurityToken as JsonWebToken)?.SigningKey);
            if (signingKey is null || !signingKey.IsEndorsedFor(activity.ChannelId))
            {
                return BotAuthenticationResult.Unauthorized("the signing key is not endorsed for the activity's channel");
            }
        }

        return BotAuthenticationResult.Success(validation.ClaimsIdentity ?? new ClaimsIdentity("Bearer"), serviceUrl);
    }

    private static string? ReadBearerToken(string? header)
    {
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length == 0 || token.Contains(' ', StringComparison.Ordinal) ? null : token;
    }

    private static bool SameServiceUrl(string? claimed, string? actual) =>
        claimed is not null && actual is not null
        && string.Equals(claimed.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Picks the issuer family from the (not yet validated) iss; validation then pins it exactly.</summary>
    private static IssuerFamily ResolveIssuer(string? issuer, BotFrameworkOptions settings)
    {
        if (string.IsNullOrEmpty(issuer))
        {
            return IssuerFamily.Reject("the token has no issuer");
        }

        if (string.Equals(issuer, settings.BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return new IssuerFamily(settings.BotFrameworkOpenIdMetadataUrl, [settings.BotFrameworkIssuer], IsBotFramework: true, Rejection: null);
        }

        var tenant = EntraTenantOf(issuer);
        if (tenant is null)
        {
            return IssuerFamily.Reject("the token's issuer is not accepted");
        }

        var configuredTenant = settings.MicrosoftAppTenantId;
        if (!string.IsNullOrWhiteSpace(configuredTenant))
        {
            if (!string.Equals(tenant, configuredTenant.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return IssuerFamily.Reject("the token's tenant is not the bot's tenant");
            }
        }
        else if (!string.Equals(settings.MicrosoftAppType, "MultiTenant", StringComparison.OrdinalIgnoreCase))
        {
            return IssuerFamily.Reject("Entra ID tokens need MicrosoftAppTenantId unless the bot is MultiTenant");
        }

        var metadataUrl = settings.EntraOpenIdMetadataUrlTemplate.Replace("{tenantId}", tenant, StringComparison.OrdinalIgnoreCase);
        return new IssuerFamily(metadataUrl, [$"{StsIssuerPrefix}{tenant}/", $"{LoginIssuerPrefix}{tenant}{LoginIssuerSuffix}"], IsBotFramework: false, Rejection: null);
    }

    /// <summary>The tenant GUID of an Entra v1 (sts) or v2 (login) issuer, as written in it; null otherwise.</summary>
    private static string? EntraTenantOf(string issuer)
    {
        string? tenant = null;
        if (issuer.StartsWith(StsIssuerPrefix, StringComparison.Ordinal) && issuer.EndsWith('/'))
        {
            tenant = issuer[StsIssuerPrefix.Length..^1];
        }
        else if (issuer.StartsWith(LoginIssuerPrefix, StringComparison.Ordinal) && issuer.EndsWith(LoginIssuerSuffix, StringComparison.Ordinal))
        {
            tenant = issuer[LoginIssuerPrefix.Length..^LoginIssuerSuffix.Length];
        }

        // Token issuers always carry the tenant's GUID; anything else would end up in a URL.
        return tenant is not null && Guid.TryParseExact(tenant, "D", out _) ? tenant : null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected the token of activity {ActivityId} ({StatusCode}): {Reason}")]
    private partial void LogRejected(string? activityId, int statusCode, string? reason);

    private sealed record IssuerFamily(string? MetadataUrl, string[] ValidIssuers, bool IsBotFramework, string? Rejection)
    {
        public static IssuerFamily Reject(string reason) => new(null, [], false, reason);
    }
}
