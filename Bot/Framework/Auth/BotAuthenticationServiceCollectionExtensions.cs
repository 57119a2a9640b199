using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.Auth;

public static class BotAuthenticationServiceCollectionExtensions
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

        services.TryAddSingleton<IBotAuthenticator>(sp => IsEnabled(sp)
            ? sp.GetRequiredService<JwtBotAuthenticator>()
            : new AnonymousAuthenticator());
        services.TryAddSingleton<IBotTokenProvider>(sp => IsEnabled(sp)
            ? sp.GetRequiredService<MsalBotTokenProvider>()
            : new NoTokenProvider());
        return services;
    }

    private static bool IsEnabled(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsAuthenticationEnabled;
}
