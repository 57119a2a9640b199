using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tests.Tickets.FollowUp;

/// <summary>"My tickets" page by page over HTTP against the mcp-atlassian double, on Cloud's and Server/DC's paging.</summary>
public sealed class MyTicketsPagingTests
{
    private const string Ann = "8c1f5a2e-0000-4000-8000-00000000a001";
    private const string Bob = "8c1f5a2e-0000-4000-8000-00000000b002";
    private const string CloudUrl = "https://acme.atlassian.net/";
    private const string ServerUrl = "https://jira.acme.internal/";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// 25 of Ann's tickets (every third one done) with Bob's between them. Returns Ann's keys in the
    /// order the list must show them: open newest first, then done newest first.
    /// </summary>
    private static List<string> File25(McpAtlassianDouble server)
    {
        var open = new List<string>();
        var done = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var key = server.AddIssue($"Ann's problem {i}", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(Ann));
            if (i % 3 == 0)
            {
                server.SetStatus(key, "Done");
                done.Add(key);
            }
            else
            {
                open.Add(key);
            }

            if (i % 4 == 0) server.AddIssue($"Bob's problem {i}", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(Bob));
        }

        open.Reverse();
        done.Reverse();
        return [.. open, .. done];
    }

    private static Dictionary<string, string?> Settings(McpAtlassianDouble server, string jiraUrl)
    {
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings["JIRA_URL"] = jiraUrl;
        return settings;
    }

    private static async Task<List<TicketPage>> AllPagesAsync(ITicketFollowUpService service, string owner)
    {
        var pages = new List<TicketPage>();
        TicketCursor? from = TicketCursor.First;
        while (from is not null && pages.Count < 10)
        {
            var page = await service.FindMineAsync(owner, from, 10, Token);
            pages.Add(page);
            from = page.Next;
        }

        return pages;
    }

    [Theory]
    [InlineData(CloudUrl, false)]
    [InlineData(ServerUrl, true)]
    [InlineData(ServerUrl, false)]
    [InlineData(CloudUrl, true)]
    public async Task Pages_of_25_tickets_show_each_once_open_newest_first_then_done(string jiraUrl, bool serverSearch)
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.ServerSearch = serverSearch;
        var expected = File25(server);
        await using var host = new TicketTestHost(Settings(server, jiraUrl));

        var pages = await AllPagesAsync(host.FollowUp, Ann);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Tickets.Count));
        Assert.Equal(expected, pages.SelectMany(p => p.Tickets).Select(t => t.Key));
        Assert.Equal([0, 10, 20], pages.Select(p => p.From.Start));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.Null(pages[^1].Next);
        Assert.All(pages.SelectMany(p => p.Tickets), t => Assert.True(TicketOwnership.IsOwnedBy(t.Labels, Ann)));
        Assert.All(server.ToolCalls.Where(c => c.ToolName == "jira_search"), c => Assert.InRange(c.Arguments["limit"].GetInt32(), 1, 50));
    }

    [Fact]
    public async Task Cloud_pages_are_read_by_page_token_without_start_at()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        var keys = new List<string>();
        for (var i = 0; i < 70; i++) keys.Add(server.AddIssue($"Problem {i}", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(Ann)));
        keys.Reverse();
        await using var host = new TicketTestHost(Settings(server, CloudUrl));

        var page = await host.FollowUp.FindMineAsync(Ann, new TicketCursor(55, 0), 10, Token);

        Assert.Equal(keys[55..65], page.Tickets.Select(t => t.Key));
        Assert.Equal(new TicketCursor(65, 0), page.Next);
        var searches = server.ToolCalls.Where(c => c.ToolName == "jira_search").ToList();
        Assert.All(searches, c => Assert.False(c.Arguments.ContainsKey("start_at")));
        Assert.All(searches, c => Assert.InRange(c.Arguments["limit"].GetInt32(), 1, 50));
        Assert.Equal([false, true], searches.Select(c => c.Arguments.ContainsKey("page_token")));
    }

    [Fact]
    public async Task Server_pages_continue_by_start_at_in_each_group_without_page_tokens()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.ServerSearch = true;
        var open = new List<string>();
        var done = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            var key = server.AddIssue($"Problem {i}", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(Ann));
            if (i < 20) server.SetStatus(key, "Done");
            (i < 20 ? done : open).Add(key);
        }

        open.Reverse();
        done.Reverse();
        await using var host = new TicketTestHost(Settings(server, ServerUrl));

        var inOpen = await host.FollowUp.FindMineAsync(Ann, new TicketCursor(55, 0), 10, Token);
        var inDone = await host.FollowUp.FindMineAsync(Ann, new TicketCursor(60, 5), 10, Token);

        Assert.Equal(open[55..60].Concat(done[..5]), inOpen.Tickets.Select(t => t.Key));
        Assert.Equal(new TicketCursor(60, 5), inOpen.Next);
        Assert.Equal(done[5..15], inDone.Tickets.Select(t => t.Key));
        Assert.Equal(new TicketCursor(60, 15), inDone.Next);
        var searches = server.ToolCalls.Where(c => c.ToolName == "jira_search").ToList();
        Assert.All(searches, c => Assert.False(c.Arguments.ContainsKey("page_token")));
        Assert.Equal(55, searches[0].Arguments["start_at"].GetInt32());
        Assert.False(searches[1].Arguments.ContainsKey("start_at"));
        var last = searches[^1];
        Assert.Contains("statusCategory = Done", last.Arguments["jql"].GetString(), StringComparison.Ordinal);
        Assert.Equal(5, last.Arguments["start_at"].GetInt32());
        Assert.Equal(11, last.Arguments["limit"].GetInt32());
    }

    [Fact]
    public async Task A_search_that_ignores_the_owner_label_still_pages_only_the_owners_tickets()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        var expected = File25(server);
        server.SearchIgnoresLabels = true;
        await using var host = new TicketTestHost(Settings(server, CloudUrl));

        var pages = await AllPagesAsync(host.FollowUp, Ann);

        var shown = pages.SelectMany(p => p.Tickets).Select(t => t.Key).ToList();
        Assert.True(pages.Count > 2, "Bob's tickets take places on the pages, so there are more pages");
        Assert.Equal(expected, shown);
        Assert.All(pages.SelectMany(p => p.Tickets), t => Assert.DoesNotContain(TicketOwnership.UserLabel(Bob), t.Labels));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    [InlineData(TicketCursor.MaxStart + 1, 0)]
    [InlineData(150, 51)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public async Task A_cursor_outside_the_pages_is_refused_before_any_search(int open, int done)
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(Settings(server, CloudUrl));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.FollowUp.FindMineAsync(Ann, new TicketCursor(open, done), 10, Token));

        Assert.Null(TicketCursor.TryCreate(open, done));
        Assert.Equal(0, server.ToolCallCount("jira_search"));
    }

    [Fact]
    public async Task Updated_since_follows_server_start_at_against_the_total()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.ServerSearch = true;
        for (var i = 0; i < 120; i++) server.AddIssue($"Ticket {i}", TicketOwnership.TrackedLabel);
        await using var host = new TicketTestHost(Settings(server, ServerUrl));

        var found = await host.FollowUp.FindUpdatedSinceAsync(DateTimeOffset.UtcNow.AddMinutes(-5), 500, Token);

        Assert.Equal(120, found.Select(t => t.Key).Distinct().Count());
        var searches = server.ToolCalls.Where(c => c.ToolName == "jira_search").ToList();
        Assert.Equal([0, 50, 100], searches.Select(c => c.Arguments.TryGetValue("start_at", out var s) ? s.GetInt32() : 0));
        Assert.All(searches, c => Assert.Equal(50, c.Arguments["limit"].GetInt32()));
    }
}
