namespace TeamsItBot.Framework.Hosting;

/// <summary>
/// The bot's identity and endpoint settings, bound from the configuration root with the Bot
/// Framework's own names (MicrosoftAppId, ...), so environment variables work unchanged.
/// </summary>
public sealed class BotFrameworkOptions
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>MultiTenant | SingleTenant | UserAssignedMSI.</summary>
    public string MicrosoftAppType { get; set; } = "SingleTenant";

    /// <summary>Accept anonymous requests with no app id outside Development (never in production).</summary>
    public bool AllowUnauthenticatedRequests { get; set; }

    /// <summary>When non-empty, activities from any other tenant get 403.</summary>
    public IList<string> AllowedTenantIds { get; set; } = [];

    public string BotFrameworkOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary><c>{tenantId}</c> is replaced by the token's tenant.</summary>
    public string EntraOpenIdMetadataUrlTemplate { get; set; } = "https://login.microsoftonline.com/{tenantId}/v2.0/.well-known/openid-configuration";

    public string BotFrameworkIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>
    /// Authority for outbound tokens (the SDK's setting name); unset = derived from
    /// MicrosoftAppType. Only for sovereign clouds or a test identity provider.
    /// </summary>
    public string? ToChannelFromBotLoginUrl { get; set; }

    /// <summary>Scope of outbound tokens (the SDK's setting name).</summary>
    public string ToChannelFromBotOAuthScope { get; set; } = "https://api.botframework.com";

    /// <summary>Largest accepted request body.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Pacing of sends to Teams (section ConnectorRateLimits).</summary>
    public Connector.ConnectorRateLimitOptions ConnectorRateLimits { get; set; } = new();

    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
