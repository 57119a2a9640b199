using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Support;
using TeamsItBot.Tests.Framework.Auth;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.EndToEnd;

/// <summary>
/// Authentication on, both ways: the inbound token is validated against a local OpenID server and
/// the replies carry a token from its client-credentials endpoint (standing in for Entra ID).
/// </summary>
public sealed class AuthenticatedConversationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authenticated_message_is_answered_with_a_bearer_token_from_the_configured_authority()
    {
        await using var identity = await LocalOpenIdServer.StartAsync(Token);
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var bot = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp)) { EnvironmentName = "Production" };
        bot.Settings["MicrosoftAppId"] = AuthenticatedBotApp.AppId;
        bot.Settings["MicrosoftAppPassword"] = "app-password-for-test";
        bot.Settings["MicrosoftAppTenantId"] = AuthenticatedBotApp.TenantId;
        bot.Settings["BotFrameworkOpenIdMetadataUrl"] = identity.BotFrameworkMetadataUrl;
        bot.Settings["EntraOpenIdMetadataUrlTemplate"] = identity.EntraMetadataUrlTemplate;
        bot.Settings["ToChannelFromBotLoginUrl"] = $"{identity.BaseUrl}/{AuthenticatedBotApp.TenantId}";
        bot.Settings["Storage:Provider"] = "Memory";
        bot.Settings["MCP_ATLASSIAN_URL"] = "http://127.0.0.1:9/mcp";
        bot.Settings["JIRA_URL"] = "https://jira.example.com";

        var activity = TestActivities.Message(connector.ServiceUrl, "vpn wont connect");
        var token = identity.Mint(new TokenSpec
        {
            Issuer = LocalOpenIdServer.BotFrameworkIssuer,
            Audience = AuthenticatedBotApp.AppId,
            ServiceUrl = connector.ServiceUrl,
        });
        using var client = bot.CreateBotClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(activity, options: TeamsItBot.Framework.Schema.BotJson.Options),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await connector.WaitForRequestsAsync(2);
        Assert.All(replies, r => Assert.Equal($"Bearer outbound-token-{AuthenticatedBotApp.TenantId}-1", r.Authorization));
        var tokenRequest = Assert.Single(identity.TokenRequests);
        Assert.Equal(AuthenticatedBotApp.AppId, tokenRequest["client_id"]);
        Assert.Equal("https://api.botframework.com/.default", tokenRequest["scope"]);

        // Without a token the same bot refuses before any turn runs.
        using var anonymous = await bot.PostActivityAsync(TestActivities.Message(connector.ServiceUrl, "hello"), Token);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(2, connector.Requests.Count);
    }
}
