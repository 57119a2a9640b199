using System.Net;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.LocalTracker;

public sealed class LocalTrackerTests : IDisposable
{
    private readonly string _data = LocalTrackerHost.NewDataDirectory();
    private readonly HttpClient _http = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _http.Dispose();
        LocalTrackerHost.DeleteDataDirectory(_data);
    }

    private static TicketDraft Draft(string problem) => new(Guid.NewGuid().ToString("n"), problem, ["Restart"], "Ada <admin>", "oid-1");

    [Fact]
    public async Task Ticket_created_over_mcp_has_a_browse_page_with_the_summary_escaped()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);

        var ticket = await host.Tickets.CreateTicketAsync(Draft("<b>Teams</b> & \"VPN\" <script>alert(1)</script>"), Token);

        Assert.Equal("ITSUPPORT-1", ticket.Key);
        Assert.Equal(new Uri(host.BaseUrl, "/local-jira/browse/ITSUPPORT-1"), ticket.BrowseUrl);
        using var page = await _http.GetAsync(ticket.BrowseUrl, Token);
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("IT Support: &lt;b&gt;Teams&lt;/b&gt; &amp; &quot;VPN&quot; &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Teams", html, StringComparison.Ordinal);
        Assert.Contains("Ada \\&lt;admin\\&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_increment_and_search_by_label_finds_the_tickets()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        var first = await host.Tickets.CreateTicketAsync(Draft("Printer"), Token);
        var laptop = Draft("Laptop");
        var second = await host.Tickets.CreateTicketAsync(laptop, Token);
        await using var client = await host.ConnectAsync(Token);

        var found = await client.CallToolAsync("jira_search", new Dictionary<string, object?> { ["jql"] = "labels = \"it-bot\" AND project = ITSUPPORT ORDER BY created DESC" }, cancellationToken: Token);
        var none = await client.CallToolAsync("jira_search", new Dictionary<string, object?> { ["jql"] = "labels = \"other\"", ["limit"] = 5 }, cancellationToken: Token);

        Assert.Equal(("ITSUPPORT-1", "ITSUPPORT-2"), (first.Key, second.Key));
        Assert.NotEqual(true, found.IsError);
        using var json = JsonDocument.Parse(Text(found));
        Assert.Equal(["ITSUPPORT-2", "ITSUPPORT-1"], json.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        Assert.Equal(["it-bot", JiraTicketFormat.DraftLabel(laptop.Id), TeamsItBot.Tickets.FollowUp.TicketOwnership.TrackedLabel, TeamsItBot.Tickets.FollowUp.TicketOwnership.UserLabel("oid-1")], json.RootElement.GetProperty("issues")[0].GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        using var empty = JsonDocument.Parse(Text(none));
        Assert.Equal(0, empty.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Find_by_draft_finds_the_ticket_of_that_draft_only()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        var printer = Draft("Printer");
        await host.Tickets.CreateTicketAsync(Draft("Laptop"), Token);
        var created = await host.Tickets.CreateTicketAsync(printer, Token);

        var found = await host.Tickets.FindByDraftAsync(printer.Id, Token);
        var missing = await host.Tickets.FindByDraftAsync("never-sent", Token);

        Assert.Equal(created, found);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Issues_and_key_counter_survive_a_restart()
    {
        await using (var before = await LocalTrackerHost.StartAsync(_data))
        {
            Assert.Equal("ITSUPPORT-1", (await before.Tickets.CreateTicketAsync(Draft("Before restart"), Token)).Key);
        }

        await using var after = await LocalTrackerHost.StartAsync(_data);
        var next = await after.Tickets.CreateTicketAsync(Draft("After restart"), Token);
        using var page = await _http.GetAsync(new Uri(after.BaseUrl, "/local-jira/browse/ITSUPPORT-1"), Token);

        Assert.Equal("ITSUPPORT-2", next.Key);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("IT Support: Before restart", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_data, "local-jira.db")));
    }

    [Fact]
    public async Task Unknown_key_gets_an_escaped_404_page()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);

        using var page = await _http.GetAsync(new Uri(host.BaseUrl, "/local-jira/browse/%3Cimg%3E-9"), Token);
        var html = await page.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Issue not found", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img&gt;-9", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_project_and_invalid_arguments_are_isError_results()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        await using var client = await host.ConnectAsync(Token);

        var otherProject = await client.CallToolAsync("jira_create_issue", new Dictionary<string, object?>
        {
            ["project_key"] = "OTHER", ["summary"] = "x", ["issue_type"] = "Task",
        }, cancellationToken: Token);
        var noSummary = await client.CallToolAsync("jira_create_issue", new Dictionary<string, object?>
        {
            ["project_key"] = "ITSUPPORT", ["issue_type"] = "Task",
        }, cancellationToken: Token);
        var badFields = await client.CallToolAsync("jira_create_issue", new Dictionary<string, object?>
        {
            ["project_key"] = "ITSUPPORT", ["summary"] = "x", ["issue_type"] = "Task", ["additional_fields"] = "",
        }, cancellationToken: Token);

        Assert.True(otherProject.IsError);
        Assert.Equal("Error calling tool 'create_issue': Specify a valid project ID or key", Text(otherProject));
        Assert.True(noSummary.IsError);
        Assert.Contains("summary", Text(noSummary), StringComparison.Ordinal);
        Assert.True(badFields.IsError);
        Assert.Contains("additional_fields", Text(badFields), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_list_create_result_and_get_issue_follow_the_mcp_atlassian_shape()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);
        await using var client = await host.ConnectAsync(Token);

        var tools = await client.ListToolsAsync(cancellationToken: Token);
        var created = await client.CallToolAsync("jira_create_issue", new Dictionary<string, object?>
        {
            ["project_key"] = "ITSUPPORT", ["summary"] = "Mail", ["issue_type"] = "Task", ["components"] = "Email, Teams",
            ["additional_fields"] = """{"priority":{"name":"High"},"labels":["a"]}""",
        }, cancellationToken: Token);
        var fetched = await client.CallToolAsync("jira_get_issue", new Dictionary<string, object?> { ["issue_key"] = "ITSUPPORT-1" }, cancellationToken: Token);

        Assert.Equal(["jira_add_comment", "jira_create_issue", "jira_get_issue", "jira_get_transitions", "jira_search", "jira_transition_issue"], tools.Select(t => t.Name).Order());
        using var result = JsonDocument.Parse(Text(created));
        Assert.Equal("Issue created successfully", result.RootElement.GetProperty("message").GetString());
        var issue = result.RootElement.GetProperty("issue");
        Assert.Equal("ITSUPPORT-1", issue.GetProperty("key").GetString());
        Assert.Equal("High", issue.GetProperty("priority").GetProperty("name").GetString());
        Assert.Equal(["Email", "Teams"], issue.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(Text(created), created.StructuredContent!.Value.GetProperty("result").GetString());
        using var got = JsonDocument.Parse(Text(fetched));
        Assert.Equal(new Uri(host.BaseUrl, "/local-jira/browse/ITSUPPORT-1").ToString(), got.RootElement.GetProperty("browse_url").GetString());
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data);

        var body = await _http.GetStringAsync(new Uri(host.BaseUrl, "/local-jira/healthz"), Token);

        Assert.Equal("""{"status":"ok"}""", body);
    }

    [Fact]
    public async Task With_MCP_ATLASSIAN_URL_set_the_local_tracker_is_not_mapped()
    {
        await using var host = await LocalTrackerHost.StartAsync(_data, new Dictionary<string, string?>
        {
            ["MCP_ATLASSIAN_URL"] = "http://127.0.0.1:9/mcp",
            ["JIRA_URL"] = "https://acme.atlassian.net",
        });

        using var response = await _http.GetAsync(new Uri(host.BaseUrl, "/local-jira/healthz"), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(Directory.Exists(_data));
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;
}
