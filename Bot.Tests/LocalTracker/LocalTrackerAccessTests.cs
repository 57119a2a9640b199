using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TeamsItBot.Tests.Operations;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.LocalTracker;

/// <summary>
/// The embedded tracker outside Development: off unless deliberately enabled, and then every
/// /local-jira path wants the configured access key, which the bot's own MCP client sends.
/// </summary>
public sealed class LocalTrackerAccessTests : IDisposable
{
    private const string AccessKey = "local-tracker-key-5b7e0c1d9a2f";
    private const string InitializeBody =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"probe","version":"1"}}}""";

    private readonly string _data = LocalTrackerHost.NewDataDirectory();
    private readonly HttpClient _http = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _http.Dispose();
        LocalTrackerHost.DeleteDataDirectory(_data);
    }

    private static Dictionary<string, string?> ProductionBot() => new()
    {
        ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
        ["MicrosoftAppPassword"] = "secret",
        ["MicrosoftAppTenantId"] = "66666666-7777-8888-9999-000000000000",
    };

    [Fact]
    public void Production_bot_without_mcp_atlassian_or_an_enabled_tracker_refuses_to_start()
    {
        var settings = ProductionBot();
        settings["BOT_DATA_DIR"] = _data;
        using var app = OperationsTestHost.Create(settings, environment: "Production");

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("MCP_ATLASSIAN_URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalTracker__Enabled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    public void Tracker_enabled_outside_development_without_a_strong_access_key_refuses_to_start(string? key)
    {
        var settings = ProductionBot();
        settings["BOT_DATA_DIR"] = _data;
        settings["LocalTracker:Enabled"] = "true";
        settings["LocalTracker:AccessKey"] = key;
        using var app = OperationsTestHost.Create(settings, environment: "Production");

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("LocalTracker__AccessKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracker_enabled_outside_development_wants_the_access_key_on_every_path_and_the_bot_sends_it()
    {
        var logs = new TestLogSink();
        await using var host = await LocalTrackerHost.StartAsync(_data, new Dictionary<string, string?>
        {
            ["LocalTracker:Enabled"] = "true",
            ["LocalTracker:AccessKey"] = AccessKey,
        }, environment: "Production", logs: logs);

        // The bot's own MCP client carries the key, so tickets work.
        var ticket = await host.Tickets.CreateTicketAsync(new TicketDraft(Guid.NewGuid().ToString("n"), "Printer", ["Restart"], "Ada", "oid-1"), Token);
        Assert.Equal("ITSUPPORT-1", ticket.Key);

        foreach (var path in new[] { "/local-jira/browse/ITSUPPORT-1", "/local-jira/healthz" })
        {
            using var anonymous = await GetAsync(new Uri(host.BaseUrl, path), null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
            Assert.DoesNotContain("Printer", await anonymous.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
            using var wrong = await GetAsync(new Uri(host.BaseUrl, path), new AuthenticationHeaderValue("Bearer", AccessKey + "x"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var mcpAnonymous = await PostMcpAsync(host, authorization: null);
        Assert.Equal(HttpStatusCode.Unauthorized, mcpAnonymous.StatusCode);
        using var mcpWrong = await PostMcpAsync(host, new AuthenticationHeaderValue("Bearer", "local-tracker-key-guess-0000"));
        Assert.Equal(HttpStatusCode.Unauthorized, mcpWrong.StatusCode);
        using var mcpKeyed = await PostMcpAsync(host, new AuthenticationHeaderValue("Bearer", AccessKey));
        Assert.Equal(HttpStatusCode.OK, mcpKeyed.StatusCode);

        // A person opening the ticket link types the key into the browser's sign-in prompt.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + AccessKey));
        using var page = await GetAsync(ticket.BrowseUrl, new AuthenticationHeaderValue("Basic", basic));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Printer", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        Assert.Contains(logs.Entries, e => e.Message.Contains("access key", StringComparison.OrdinalIgnoreCase)
            && e.Message.Contains("/local-jira", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(AccessKey, StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> GetAsync(Uri url, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = authorization;
        return await _http.SendAsync(request, Token);
    }

    private async Task<HttpResponseMessage> PostMcpAsync(LocalTrackerHost host, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUrl, "/local-jira/mcp"))
        {
            Content = new StringContent(InitializeBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = authorization;
        return await _http.SendAsync(request, Token);
    }
}
