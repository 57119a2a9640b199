using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Auth;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Auth;

/// <summary>
/// The handler trusts the serviceUrl the authenticator says the token vouched for, never the
/// activity's own word: an authentication that vouches for no URL, or for another one, runs no
/// turn and sends nothing, so the bot's token cannot follow an activity to an unvouched host.
/// </summary>
public sealed class VouchedServiceUrlTrustTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("none")]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    public async Task Authenticated_turn_whose_token_vouched_for_another_url_sends_nothing(string vouched)
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        var bot = new DelegateBot((turn, ct) => turn.SendActivityAsync("hello", ct));
        await using var app = Authenticated(bot, new VouchingAuthenticator(vouched == "none" ? null : vouched));

        using var response = await PostAsync(app, TestActivities.Message(connector.ServiceUrl, "hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, bot.Turns);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Authenticated_turn_whose_token_vouched_for_its_url_is_answered_there_with_the_token()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        var bot = new DelegateBot((turn, ct) => turn.SendActivityAsync("hello", ct));
        await using var app = Authenticated(bot, new VouchingAuthenticator(connector.ServiceUrl));

        using var response = await PostAsync(app, TestActivities.Message(connector.ServiceUrl, "hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(connector.Requests);
        Assert.Equal("Bearer bot-connector-token", reply.Authorization);
    }

    private static async Task<HttpResponseMessage> PostAsync(BotApplicationFactory app, Activity activity)
    {
        using var client = app.CreateBotClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(activity, options: BotJson.Options),
        };
        request.Headers.Authorization = new("Bearer", "judged-by-the-fake-authenticator");
        return await client.SendAsync(request, Token);
    }

    private static BotApplicationFactory Authenticated(IBot bot, IBotAuthenticator authenticator)
    {
        var app = new BotApplicationFactory(bot) { EnvironmentName = "Production" };
        app.Settings["MicrosoftAppId"] = AuthenticatedBotApp.AppId;
        app.Settings["MicrosoftAppPassword"] = "app-password-for-test";
        app.Settings["MicrosoftAppTenantId"] = AuthenticatedBotApp.TenantId;
        app.Settings["MCP_ATLASSIAN_URL"] = "http://127.0.0.1:9/mcp";
        app.Settings["JIRA_URL"] = "https://jira.example.com";
        app.Settings["Storage:Provider"] = "Memory";
        app.ConfigureServices(services =>
        {
            // The edge (Entra ID) is faked: the authenticator's verdict and the outbound token.
            services.AddSingleton(authenticator);
            services.AddSingleton<IBotTokenProvider>(new FixedToken());
        });
        return app;
    }

    private sealed class VouchingAuthenticator(string? vouched) : IBotAuthenticator
    {
        public Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken = default) =>
            Task.FromResult(new BotAuthenticationResult(true, 200, null, new ClaimsIdentity("Bearer")) { ServiceUrl = vouched });
    }

    private sealed class FixedToken : IBotTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>("bot-connector-token");
    }
}
