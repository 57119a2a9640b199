using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.Auth;

internal enum BotTokenClientKind
{
    /// <summary>MSAL confidential client with the app password (MultiTenant, SingleTenant).</summary>
    ClientSecret,

    /// <summary>MSAL managed identity application, user-assigned with client id = MicrosoftAppId.</summary>
    ManagedIdentity,
}

/// <summary>How the outbound token is obtained; <see cref="Authority"/> is null for managed identity.</summary>
internal sealed record BotTokenClientPlan(BotTokenClientKind Kind, string ClientId, string? Authority);

/// <summary>
/// Outbound tokens for the Bot Connector through MSAL. One instance per process (a singleton):
/// MSAL keeps the token in the application's own cache and renews it before it expires.
/// </summary>
internal sealed partial class MsalBotTokenProvider : IBotTokenProvider
{
    public const string Scope = "https://api.botframework.com/.default";

    /// <summary>Managed identity asks for a resource, not a scope.</summary>
    public const string ManagedIdentityResource = "https://api.botframework.com";

    private const string LoginHost = "https://login.microsoftonline.com/";

    private readonly Lazy<IConfidentialClientApplication>? _confidentialClient;
    private readonly Lazy<IManagedIdentityApplication>? _managedIdentityClient;
    private readonly ILogger<MsalBotTokenProvider> _logger;
    private readonly string _scope;

    public MsalBotTokenProvider(IOptions<BotFrameworkOptions> options, ILogger<MsalBotTokenProvider> logger)
    {
        var settings = options.Value;
        _logger = logger;
        _scope = ScopeFor(settings);
        Plan = PlanFor(settings);
        var plan = Plan;
        // Built on first use: resolving the provider must not fail or touch the network.
        if (plan.Kind == BotTokenClientKind.ManagedIdentity)
        {
            _managedIdentityClient = new(() => ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(plan.ClientId))
                .Build());
        }
        else
        {
            _confidentialClient = new(() => ConfidentialClientApplicationBuilder
                .Create(plan.ClientId)
                .WithClientSecret(settings.MicrosoftAppPassword)
                .WithAuthority(plan.Authority)
                .Build());
        }
    }

    public BotTokenClientPlan Plan { get; }

    /// <summary>The MSAL application (built now if not yet); for tests of the configuration.</summary>
    internal IConfidentialClientApplication? ConfidentialClient => _confidentialClient?.Value;

    internal IManagedIdentityApplication? ManagedIdentityClient => _managedIdentityClient?.Value;

    /// <summary>MultiTenant uses the botframework.com tenant, SingleTenant the bot's own, UserAssignedMSI managed identity.</summary>
    public static BotTokenClientPlan PlanFor(BotFrameworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientId = options.MicrosoftAppId ?? throw new InvalidOperationException("MicrosoftAppId is not configured.");
        if (string.Equals(options.MicrosoftAppType, "UserAssignedMSI", StringComparison.OrdinalIgnoreCase))
        {
            return new BotTokenClientPlan(BotTokenClientKind.ManagedIdentity, clientId, null);
        }

        if (!string.IsNullOrWhiteSpace(options.ToChannelFromBotLoginUrl))
        {
            return new BotTokenClientPlan(BotTokenClientKind.ClientSecret, clientId, options.ToChannelFromBotLoginUrl.Trim().TrimEnd('/'));
        }

        if (string.Equals(options.MicrosoftAppType, "MultiTenant", StringComparison.OrdinalIgnoreCase))
        {
            return new BotTokenClientPlan(BotTokenClientKind.ClientSecret, clientId, LoginHost + "botframework.com");
        }

        var tenant = string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId)
            ? throw new InvalidOperationException("MicrosoftAppTenantId is required for a SingleTenant bot.")
            : options.MicrosoftAppTenantId.Trim();
        return new BotTokenClientPlan(BotTokenClientKind.ClientSecret, clientId, LoginHost + Uri.EscapeDataString(tenant));
    }

    /// <summary>The configured resource as a client-credentials scope (<c>{resource}/.default</c>).</summary>
    public static string ScopeFor(BotFrameworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scope = string.IsNullOrWhiteSpace(options.ToChannelFromBotOAuthScope) ? Scope : options.ToChannelFromBotOAuthScope.Trim();
        return scope.EndsWith("/.default", StringComparison.Ordinal) ? scope : scope.TrimEnd('/') + "/.default";
    }

    /// <summary>MSAL only talks to https authorities; a loopback http one is a local test identity provider.</summary>
    public static bool IsLoopbackHttpAuthority(BotTokenClientPlan plan) =>
        plan.Authority is { } authority && Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var result = _managedIdentityClient is not null
                ? await _managedIdentityClient.Value.AcquireTokenForManagedIdentity(ManagedIdentityResource).ExecuteAsync(cancellationToken)
                : await _confidentialClient!.Value.AcquireTokenForClient([_scope]).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalException ex)
        {
            // The error code is enough to diagnose (e.g. invalid_client); messages may echo request details.
            LogTokenFailed(Plan.Kind, Plan.Authority, ex.ErrorCode);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not get a Bot Connector token ({Kind}, authority {Authority}): {ErrorCode}")]
    private partial void LogTokenFailed(BotTokenClientKind kind, string? authority, string errorCode);
}
