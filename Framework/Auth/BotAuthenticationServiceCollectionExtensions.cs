using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.Auth;

internal static class BotAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Inbound token validation and outbound tokens: JWT + MSAL when MicrosoftAppId is set,
    /// anonymous otherwise (decided when first resolved, from the bound options). TryAdd, so a
    /// test or host may register its own <see cref="IBotAuthenticator"/> / <see cref="IBotTokenProvider"/> first.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        services.AddHttpClient(OpenIdKeyCache.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OpenIdKeyCache>();
        services.TryAddSingleton<JwtBotAuthenticator>();
        services.TryAddSingleton<MsalBotTokenProvider>();
        services.AddHttpClient(ClientCredentialsTokenProvider.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<ClientCredentialsTokenProvider>();

        services.TryAddSingleton<IBotAuthenticator>(sp => IsEnabled(sp)
            ? sp.GetRequiredService<JwtBotAuthenticator>()
            : new AnonymousAuthenticator());
        services.TryAddSingleton<IBotTokenProvider>(sp => !IsEnabled(sp)
            ? new NoTokenProvider()
            : UsesLoopbackAuthority(sp)
                ? sp.GetRequiredService<ClientCredentialsTokenProvider>()
                : sp.GetRequiredService<MsalBotTokenProvider>());
        return services;
    }

    private static bool UsesLoopbackAuthority(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        return !string.IsNullOrWhiteSpace(options.ToChannelFromBotLoginUrl)
            && !string.Equals(options.MicrosoftAppType, "UserAssignedMSI", StringComparison.OrdinalIgnoreCase)
            && MsalBotTokenProvider.IsLoopbackHttpAuthority(MsalBotTokenProvider.PlanFor(options));
    }

    private static bool IsEnabled(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsAuthenticationEnabled;
}
