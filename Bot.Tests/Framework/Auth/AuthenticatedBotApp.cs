using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Auth;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Auth;

/// <summary>Records the turns that ran, so a test can tell a refused request never reached the bot.</summary>
public sealed class RecordingBot : IBot
{
    public ConcurrentQueue<Activity> Turns { get; } = new();

    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        Turns.Enqueue(turnContext.Activity);
        return Task.CompletedTask;
    }
}

/// <summary>The answer to one post, and whether the bot's turn ran for that activity.</summary>
public sealed record Posted(HttpStatusCode Status, bool TurnRan);

/// <summary>
/// The real app (WebApplicationFactory&lt;Program&gt;) with authentication on and its metadata URLs
/// pointing at a <see cref="LocalOpenIdServer"/>.
/// </summary>
public sealed class AuthenticatedBotApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string AppId = "0b7f2a4c-3d6e-4f81-9a2b-5c6d7e8f9012";
    public const string TenantId = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    public RecordingBot Bot { get; } = new();

    public static AuthenticatedBotApp For(LocalOpenIdServer server, string appType = "SingleTenant", string? tenantId = TenantId) => new(new Dictionary<string, string?>
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["MicrosoftAppTenantId"] = tenantId,
        ["MicrosoftAppType"] = appType,
        ["BotFrameworkOpenIdMetadataUrl"] = server.BotFrameworkMetadataUrl,
        ["EntraOpenIdMetadataUrlTemplate"] = server.EntraMetadataUrlTemplate,
    });

    public static TokenSpec BotFrameworkToken() => new()
    {
        Issuer = LocalOpenIdServer.BotFrameworkIssuer,
        Audience = AppId,
        ServiceUrl = ServiceUrl,
    };

    public static TokenSpec EntraToken(string issuer) => new()
    {
        Issuer = issuer,
        Audience = AppId,
        Realm = TokenRealm.Entra,
    };

    /// <summary>Posts a fresh message activity; a null <paramref name="token"/> sends no Authorization header.</summary>
    public async Task<Posted> PostAsync(string? token, string scheme = "Bearer", string channelId = "msteams", string serviceUrl = ServiceUrl)
    {
        var activityId = Guid.NewGuid().ToString("N");
        var activity = new
        {
            type = "message",
            id = activityId,
            serviceUrl,
            channelId,
            from = new { id = "29:user" },
            recipient = new { id = "28:" + AppId },
            conversation = new { id = "a:conversation", tenantId = TenantId },
            text = "Teams is not working",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        }

        using var client = CreateClient();
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return new Posted(response.StatusCode, Bot.Turns.Any(t => t.Id == activityId));
    }

    /// <summary>Calls the app's authenticator itself, to learn why a token is refused.</summary>
    public Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, string channelId = "msteams") =>
        Services.GetRequiredService<IBotAuthenticator>().AuthenticateAsync(authorizationHeader, new Activity
        {
            Type = "message",
            Id = Guid.NewGuid().ToString("N"),
            ServiceUrl = ServiceUrl,
            ChannelId = channelId,
            Conversation = new ConversationAccount { Id = "a:conversation", TenantId = TenantId },
        }, TestContext.Current.CancellationToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // A production bot needs a ticket backend; these tests never file a ticket.
        builder.UseSetting("MCP_ATLASSIAN_URL", "http://127.0.0.1:9/mcp");
        builder.UseSetting("JIRA_URL", "https://jira.example.com");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IBot>(Bot));
    }
}
