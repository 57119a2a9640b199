using System.Net;
using System.Text;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.LocalTracker;

/// <summary>One open (Development, no access key) tracker shared by the rebinding cases.</summary>
public sealed class OpenTrackerFixture : IAsyncLifetime
{
    private readonly string _data = LocalTrackerHost.NewDataDirectory();

    internal LocalTrackerHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await LocalTrackerHost.StartAsync(_data);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        LocalTrackerHost.DeleteDataDirectory(_data);
    }
}

/// <summary>
/// DNS rebinding: a page on attacker.example whose name is re-pointed at 127.0.0.1 reaches the
/// developer's tracker with its own Origin and Host. The MCP endpoint refuses a non-local Origin
/// (MCP Streamable HTTP transport, security warning) and the open tracker answers only to loopback
/// host names.
/// </summary>
public sealed class LocalTrackerRebindingTests(OpenTrackerFixture fixture) : IClassFixture<OpenTrackerFixture>, IDisposable
{
    private const string InitializeBody =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"probe","version":"1"}}}""";

    private readonly HttpClient _http = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private LocalTrackerHost Host => fixture.Host;

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("http://attacker.example")]
    [InlineData("https://attacker.example:3978")]
    [InlineData("http://localhost.attacker.example")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("null")]
    [InlineData("not an origin")]
    public async Task Mcp_request_with_a_foreign_origin_is_a_403(string origin)
    {
        using var response = await PostMcpAsync(origin: origin, host: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("serverInfo", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:56150")]
    [InlineData("http://127.0.0.1:3978")]
    [InlineData("http://[::1]:8080")]
    [InlineData("https://localhost")]
    public async Task Mcp_request_with_a_loopback_origin_is_served(string origin)
    {
        using var response = await PostMcpAsync(origin: origin, host: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:{port}")]
    [InlineData("localhost.attacker.example:{port}")]
    [InlineData("192.168.1.20:{port}")]
    public async Task Open_tracker_refuses_a_host_name_that_is_not_loopback(string host)
    {
        host = host.Replace("{port}", Host.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var mcp = await PostMcpAsync(origin: null, host: host);
        using var page = await GetAsync("/local-jira/browse/ITSUPPORT-1", host);
        using var health = await GetAsync("/local-jira/healthz", host);

        Assert.Equal(HttpStatusCode.Forbidden, mcp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, health.StatusCode);
    }

    [Theory]
    [InlineData("localhost:{port}")]
    [InlineData("LOCALHOST:{port}")]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("[::1]:{port}")]
    [InlineData("localhost")]
    public async Task Open_tracker_answers_loopback_host_names(string host)
    {
        host = host.Replace("{port}", Host.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var health = await GetAsync("/local-jira/healthz", host);
        using var mcp = await PostMcpAsync(origin: null, host: host);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mcp.StatusCode);
    }

    [Fact]
    public async Task Bot_endpoint_is_not_the_tracker_the_playground_origin_still_reaches_it()
    {
        // The Agents Playground (localhost:56150) posts to /api/messages; the tracker's checks stay on /local-jira.
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        var bot = new RecordingTurns();
        await using var app = new BotApplicationFactory(bot);
        using var client = app.CreateBotClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(TestActivities.Message(connector.ServiceUrl, "hello"), options: BotJson.Options),
        };
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost:56150");

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, bot.Count);
    }

    private async Task<HttpResponseMessage> PostMcpAsync(string? origin, string? host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseUrl, "/local-jira/mcp"))
        {
            Content = new StringContent(InitializeBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        if (host is not null) request.Headers.Host = host;
        return await _http.SendAsync(request, Token);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Host.BaseUrl, path));
        request.Headers.Host = host;
        return await _http.SendAsync(request, Token);
    }

    private sealed class RecordingTurns : TeamsItBot.Framework.Hosting.IBot
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task OnTurnAsync(TeamsItBot.Framework.Hosting.ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
