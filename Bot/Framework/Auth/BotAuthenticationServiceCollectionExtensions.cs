using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsItBot.Framework.Connector;

namespace TeamsItBot.Framework.Auth;

public static class BotAuthenticationServiceCollectionExtensions
{
    /// <summary>Inbound token validation and outbound tokens; anonymous in local mode.</summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        // TODO(issue 2, auth): JWT validation and MSAL token provider when MicrosoftAppId is set.
        services.TryAddSingleton<IBotAuthenticator, AnonymousAuthenticator>();
        services.TryAddSingleton<IBotTokenProvider, NoTokenProvider>();
        return services;
    }
}
