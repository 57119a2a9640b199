using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Auth;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Auth;

public sealed class BotAuthenticationRegistrationTests
{
    [Fact]
    public async Task App_id_selects_jwt_validation_and_msal_tokens()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        await using var app = AuthenticatedBotApp.For(server);

        Assert.IsType<JwtBotAuthenticator>(app.Services.GetRequiredService<IBotAuthenticator>());
        Assert.IsType<MsalBotTokenProvider>(app.Services.GetRequiredService<IBotTokenProvider>());
    }

    [Fact]
    public async Task No_app_id_in_development_selects_anonymous_mode()
    {
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Development")
            .ConfigureTestServices(services => services.AddSingleton<IBot>(new RecordingBot())));

        Assert.IsType<AnonymousAuthenticator>(app.Services.GetRequiredService<IBotAuthenticator>());
        Assert.IsType<NoTokenProvider>(app.Services.GetRequiredService<IBotTokenProvider>());
    }

    [Fact]
    public void A_token_provider_registered_first_is_kept()
    {
        var fake = new NoTokenProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IBotTokenProvider>(fake);

        services.AddBotAuthentication();

        using var provider = services.BuildServiceProvider();
        Assert.Same(fake, provider.GetRequiredService<IBotTokenProvider>());
    }

    [Fact]
    public async Task App_id_without_password_fails_startup_naming_the_setting()
    {
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("MicrosoftAppId", AuthenticatedBotApp.AppId)
            .UseSetting("MicrosoftAppType", "MultiTenant")
            .ConfigureTestServices(services => services.AddSingleton<IBot>(new RecordingBot())));

        var failure = Record.Exception(() => app.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains("MicrosoftAppPassword", Flatten(failure), StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join(" | ", aggregate.InnerExceptions.Select(Flatten)),
        _ when exception.InnerException is { } inner => exception.Message + " | " + Flatten(inner),
        _ => exception.Message,
    };
}
