using System.Net;
using System.Net.Sockets;
using TeamsItBot.Tests.Testing;
using static TeamsItBot.Tests.Framework.Auth.AuthenticatedBotApp;

namespace TeamsItBot.Tests.Framework.Auth;

/// <summary>Metadata fetching, caching, key rotation and outages: each test owns its server and app.</summary>
public sealed class SigningKeyRefreshTests
{
    [Fact]
    public async Task Startup_does_not_fetch_metadata_and_keys_are_cached_between_requests()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        await using var app = For(server);
        using var _ = app.CreateClient();
        Assert.Equal(0, server.BotFrameworkMetadataRequests);

        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(server.Mint(BotFrameworkToken()))).Status);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(server.Mint(BotFrameworkToken()))).Status);

        Assert.Equal(1, server.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Unknown_kid_refreshes_the_metadata_and_the_rotated_key_is_accepted()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        await using var app = For(server);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(server.Mint(BotFrameworkToken()))).Status);

        server.RotateBotFrameworkKeys();
        var posted = await app.PostAsync(server.Mint(BotFrameworkToken()));

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.True(posted.TurnRan);
        Assert.Equal(2, server.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Unknown_kids_force_at_most_one_refresh_within_the_rate_limit()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        await using var app = For(server);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(server.Mint(BotFrameworkToken()))).Status);

        server.RotateBotFrameworkKeys();
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(server.Mint(BotFrameworkToken()))).Status);
        server.RotateBotFrameworkKeys();
        var posted = await app.PostAsync(server.Mint(BotFrameworkToken()));

        // The second rotation within 30 s is not picked up: refused, and no third fetch.
        Assert.Equal(HttpStatusCode.Unauthorized, posted.Status);
        Assert.False(posted.TurnRan);
        Assert.Equal(2, server.BotFrameworkMetadataRequests);
    }

    [Fact]
    public async Task Failing_metadata_server_gives_503_and_no_turn()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        await using var app = For(server);
        server.Failing = true;

        var posted = await app.PostAsync(server.Mint(BotFrameworkToken()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, posted.Status);
        Assert.False(posted.TurnRan);
    }

    [Fact]
    public async Task Unreachable_metadata_server_gives_503_and_no_turn()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        await using var app = new AuthenticatedBotApp(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppTenantId"] = TenantId,
            ["BotFrameworkOpenIdMetadataUrl"] = $"http://127.0.0.1:{ClosedPort()}/v1/.well-known/openidconfiguration",
        });

        var posted = await app.PostAsync(server.Mint(BotFrameworkToken()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, posted.Status);
        Assert.False(posted.TurnRan);
    }

    [Fact]
    public async Task Cached_keys_survive_a_metadata_outage()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        await using var app = For(server);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(server.Mint(BotFrameworkToken()))).Status);

        server.Failing = true;
        var posted = await app.PostAsync(server.Mint(BotFrameworkToken()));

        Assert.Equal(HttpStatusCode.OK, posted.Status);
    }

    [Fact]
    public async Task Multi_tenant_bot_accepts_entra_tokens_of_any_tenant_that_vouch_for_the_service_url()
    {
        await using var server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        await using var app = For(server, appType: "MultiTenant", tenantId: null);

        var posted = await app.PostAsync(server.Mint(EntraToken("https://login.microsoftonline.com/3c2b1a09-8765-4321-8fed-cba987654321/v2.0") with { ServiceUrl = ServiceUrl }));

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.True(posted.TurnRan);
        Assert.Equal(1, server.EntraMetadataRequests);
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
