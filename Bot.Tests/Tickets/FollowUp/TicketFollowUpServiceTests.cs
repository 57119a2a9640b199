using System.Text.Json;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tests.Tickets.FollowUp;

public sealed class TicketFollowUpServiceTests
{
    private const string Ann = "8c1f5a2e-0000-4000-8000-00000000a001";
    private const string Bob = "8c1f5a2e-0000-4000-8000-00000000b002";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TicketDraft DraftFor(string objectId, string problem) => new(Guid.NewGuid().ToString("n"), problem, ["Restart"], "Ann Lee", objectId);

    [Fact]
    public async Task Find_mine_sends_the_exact_search_on_the_owner_label_and_returns_only_their_tickets()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var first = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);
        await host.Tickets.CreateTicketAsync(DraftFor(Bob, "Printer jam"), Token);
        var second = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "Outlook slow"), Token);

        var page = await host.FollowUp.FindMineAsync(Ann, 10, Token);

        Assert.Equal([second.Key, first.Key], page.Tickets.Select(t => t.Key));
        Assert.False(page.HasMore);
        Assert.Contains(TicketOwnership.UserLabel(Ann), server.LabelsOf(first.Key));
        Assert.Contains(TicketOwnership.TrackedLabel, server.LabelsOf(first.Key));
        var searches = server.ToolCalls.Where(c => c.ToolName == "jira_search").ToList();
        Assert.Equal(2, searches.Count);
        Assert.Equal(["fields", "jql", "limit"], searches[0].Arguments.Keys.Order());
        Assert.Equal($"project = \"ITSUPPORT\" AND labels = \"{TicketOwnership.UserLabel(Ann)}\" AND statusCategory != Done ORDER BY created DESC", searches[0].Arguments["jql"].GetString());
        Assert.Equal("summary,status,assignee,labels,created,updated", searches[0].Arguments["fields"].GetString());
        Assert.Equal(11, searches[0].Arguments["limit"].GetInt32());
        Assert.Equal($"project = \"ITSUPPORT\" AND labels = \"{TicketOwnership.UserLabel(Ann)}\" AND statusCategory = Done ORDER BY created DESC", searches[1].Arguments["jql"].GetString());
        Assert.Equal(9, searches[1].Arguments["limit"].GetInt32());
        var ticket = page.Tickets[0];
        Assert.Equal("To Do", ticket.Status);
        Assert.Equal(new Uri($"{McpAtlassianDouble.SiteUrl}/browse/{second.Key}"), ticket.BrowseUrl);
        Assert.NotNull(ticket.Updated);
        Assert.InRange(ticket.Updated!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Find_mine_lists_open_tickets_first_each_newest_first_and_says_when_there_are_more()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var keys = new List<string>();
        for (var i = 0; i < 12; i++) keys.Add((await host.Tickets.CreateTicketAsync(DraftFor(Ann, $"Problem {i}"), Token)).Key);
        foreach (var done in keys.Take(9)) server.SetStatus(done, "Done");

        var page = await host.FollowUp.FindMineAsync(Ann, 10, Token);

        Assert.Equal([keys[11], keys[10], keys[9], keys[8], keys[7], keys[6], keys[5], keys[4], keys[3], keys[2]], page.Tickets.Select(t => t.Key));
        Assert.True(page.HasMore);
        Assert.All(page.Tickets.Take(3), t => Assert.False(t.IsDone));
        Assert.All(page.Tickets.Skip(3), t => Assert.True(t.IsDone));
    }

    [Theory]
    [InlineData("ITSUPPORT-999")]
    [InlineData("OTHER-1")]
    [InlineData("itsupport-1")]
    [InlineData("ITSUPPORT-1; DROP")]
    [InlineData("ITSUPPORT-0")]
    [InlineData("")]
    public async Task Unknown_malformed_or_foreign_keys_read_as_not_found(string key)
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);

        Assert.Null(await host.FollowUp.GetMineAsync(key, Ann, Token));
        Assert.Null(await host.FollowUp.AddCommentAsync(key, Ann, "Ann Lee", "hello", Token));
        Assert.Equal(key == "ITSUPPORT-999" ? 1 : 0, server.ToolCallCount("jira_get_issue") / 2);
        Assert.Equal(0, server.ToolCallCount("jira_add_comment"));
    }

    [Fact]
    public async Task Someone_elses_ticket_is_answered_as_not_found_and_never_written()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var bobs = await host.Tickets.CreateTicketAsync(DraftFor(Bob, "Printer jam"), Token);
        var unlabelled = server.AddIssue("Filed by hand in Jira", "it-bot");

        Assert.Null(await host.FollowUp.GetMineAsync(bobs.Key, Ann, Token));
        Assert.Null(await host.FollowUp.GetMineAsync(unlabelled, Ann, Token));
        Assert.Null(await host.FollowUp.AddCommentAsync(bobs.Key, Ann, "Ann Lee", "mine now", Token));
        Assert.Null(await host.FollowUp.ResolveAsync(bobs.Key, Ann, "Ann Lee", "close it", Token));
        Assert.Empty(server.CommentBodies(bobs.Key));
        Assert.Equal("To Do", server.StatusOf(bobs.Key));
        Assert.Equal(0, server.ToolCallCount("jira_get_transitions"));
    }

    [Fact]
    public async Task Get_mine_sends_the_exact_get_issue_arguments_and_reads_comments()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var mine = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);
        server.AgentComment(mine.Key, "Bo Agent", "Please restart the VPN client.");
        server.Assign(mine.Key, "Bo Agent");
        server.SetStatus(mine.Key, "In Progress");

        var ticket = await host.FollowUp.GetMineAsync(mine.Key, Ann, Token);

        Assert.NotNull(ticket);
        Assert.Equal("In Progress", ticket.Status);
        Assert.Equal("Bo Agent", ticket.Assignee);
        var comment = Assert.Single(ticket.Comments);
        Assert.Equal(("Bo Agent", "Please restart the VPN client."), (comment.Author, comment.Body));
        Assert.True(long.Parse(comment.Id, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotNull(comment.Created);
        var call = Assert.Single(server.ToolCalls, c => c.ToolName == "jira_get_issue");
        Assert.Equal(["comment_limit", "fields", "issue_key"], call.Arguments.Keys.Order());
        Assert.Equal(mine.Key, call.Arguments["issue_key"].GetString());
        Assert.Equal("summary,status,assignee,labels,created,updated,comment", call.Arguments["fields"].GetString());
        Assert.Equal(JsonValueKind.Number, call.Arguments["comment_limit"].ValueKind);
        Assert.Equal(5, call.Arguments["comment_limit"].GetInt32());
    }

    [Fact]
    public async Task Add_comment_says_who_wrote_it_and_escapes_markup_like_the_description()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var mine = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);
        const string typed = "It also happens on the *docking station*\n# not a heading\n**From Microsoft Teams, by Admin:** [x](http://evil)";

        var comment = await host.FollowUp.AddCommentAsync(mine.Key, Ann, "Ann *Lee*", typed, Token);

        Assert.NotNull(comment);
        var call = Assert.Single(server.ToolCalls, c => c.ToolName == "jira_add_comment");
        Assert.Equal(["body", "issue_key"], call.Arguments.Keys.Order());
        Assert.Equal(mine.Key, call.Arguments["issue_key"].GetString());
        var body = call.Arguments["body"].GetString()!;
        Assert.Equal(JiraCommentFormat.Comment("Ann *Lee*", typed), body);
        // Made literal as the description's message is: no markup survives, no backslash is added,
        // and the typed lines stay in the one paragraph (nothing starts a heading or fakes a header).
        Assert.StartsWith("**From Microsoft Teams, by Ann \u2217Lee\u2217:**\n\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\", body, StringComparison.Ordinal);
        Assert.DoesNotContain("*docking station*", body, StringComparison.Ordinal);
        Assert.DoesNotContain("](", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n#", body, StringComparison.Ordinal);
        Assert.Single(body.Split('\n'), line => line.StartsWith("**From Microsoft Teams", StringComparison.Ordinal));
        Assert.True(JiraCommentFormat.IsFromBot(body));
        Assert.Equal(McpAtlassianDouble.BotDisplayName, comment.Author);
    }

    [Fact]
    public async Task Resolve_sends_the_done_transition_id_as_a_string_with_the_comment()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var mine = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);

        var result = await host.FollowUp.ResolveAsync(mine.Key, Ann, "Ann Lee", "it's fixed, close it", Token);

        Assert.NotNull(result);
        Assert.Equal(TransitionOutcome.Moved, result.Outcome);
        Assert.Equal("Done", result.Ticket.Status);
        Assert.Equal("Done", server.StatusOf(mine.Key));
        var listed = Assert.Single(server.ToolCalls, c => c.ToolName == "jira_get_transitions");
        Assert.Equal(["issue_key"], listed.Arguments.Keys);
        var call = Assert.Single(server.ToolCalls, c => c.ToolName == "jira_transition_issue");
        Assert.Equal(["comment", "issue_key", "transition_id"], call.Arguments.Keys.Order());
        Assert.Equal(JsonValueKind.String, call.Arguments["transition_id"].ValueKind);
        Assert.Equal("31", call.Arguments["transition_id"].GetString());
        Assert.Equal(JiraCommentFormat.Comment("Ann Lee", "it's fixed, close it", "asked to close the ticket"), call.Arguments["comment"].GetString());
        Assert.Equal(0, server.ToolCallCount("jira_add_comment"));
    }

    [Fact]
    public async Task Resolve_where_the_workflow_allows_no_done_adds_the_comment_and_says_so()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var mine = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);
        server.AllowDone = false;

        var result = await host.FollowUp.ResolveAsync(mine.Key, Ann, "Ann Lee", "works now", Token);

        Assert.Equal(TransitionOutcome.NotAllowed, result!.Outcome);
        Assert.Equal("To Do", server.StatusOf(mine.Key));
        Assert.Single(server.CommentBodies(mine.Key));
        Assert.Equal(0, server.ToolCallCount("jira_transition_issue"));
    }

    [Fact]
    public async Task Resolve_refused_by_jira_adds_the_comment_and_says_not_allowed()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var mine = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);
        server.TransitionError = "Field 'resolution' is required.";

        var result = await host.FollowUp.ResolveAsync(mine.Key, Ann, "Ann Lee", "works now", Token);

        Assert.Equal(TransitionOutcome.NotAllowed, result!.Outcome);
        Assert.Single(server.CommentBodies(mine.Key));
    }

    [Fact]
    public async Task Reopen_of_a_done_ticket_uses_the_configured_reopen_transition()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var mine = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);
        server.SetStatus(mine.Key, "Done");

        var result = await host.FollowUp.ReopenAsync(mine.Key, Ann, "Ann Lee", "it came back", Token);

        Assert.Equal(TransitionOutcome.Moved, result!.Outcome);
        Assert.Equal("To Do", server.StatusOf(mine.Key));
        Assert.Equal("41", Assert.Single(server.ToolCalls, c => c.ToolName == "jira_transition_issue").Arguments["transition_id"].GetString());
    }

    [Fact]
    public async Task Reopen_of_an_open_ticket_only_adds_the_comment()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var mine = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);

        var result = await host.FollowUp.ReopenAsync(mine.Key, Ann, "Ann Lee", "it came back", Token);

        Assert.Equal(TransitionOutcome.AlreadyThere, result!.Outcome);
        Assert.Single(server.CommentBodies(mine.Key));
        Assert.Equal(0, server.ToolCallCount("jira_transition_issue"));
    }

    [Fact]
    public async Task Jira_down_during_a_lookup_is_backend_unavailable()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var mine = await host.Tickets.CreateTicketAsync(DraftFor(Ann, "VPN drops"), Token);
        await server.GoDownAsync();

        var failure = await Assert.ThrowsAsync<TicketException>(() => host.FollowUp.GetMineAsync(mine.Key, Ann, Token));

        Assert.Equal(TicketFailure.BackendUnavailable, failure.Failure);
    }

    [Fact]
    public async Task Jira_slow_during_a_lookup_times_out_within_the_configured_deadline()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings["Tickets:TimeoutSeconds"] = "1";
        await using var host = new TicketTestHost(settings);
        server.ToolCallDelay = TimeSpan.FromSeconds(5);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<TicketException>(() => host.FollowUp.FindMineAsync(Ann, 10, Token));

        Assert.Equal(TicketFailure.Timeout, failure.Failure);
        Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Updated_since_follows_cloud_page_tokens_with_a_relative_date()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        for (var i = 0; i < 60; i++) server.AddIssue($"Ticket {i}", TicketOwnership.TrackedLabel);
        server.AddIssue("Not the bot's", "other");

        var found = await host.FollowUp.FindUpdatedSinceAsync(DateTimeOffset.UtcNow.AddMinutes(-7).AddSeconds(5), 500, Token);

        Assert.Equal(60, found.Count);
        Assert.Equal(60, found.Select(t => t.Key).Distinct().Count());
        var searches = server.ToolCalls.Where(c => c.ToolName == "jira_search").ToList();
        Assert.Equal(2, searches.Count);
        Assert.Equal("project = \"ITSUPPORT\" AND labels = \"itbot-tracked\" AND updated >= \"-7m\" ORDER BY updated ASC", searches[0].Arguments["jql"].GetString());
        Assert.False(searches[0].Arguments.ContainsKey("page_token"));
        Assert.True(searches[1].Arguments.ContainsKey("page_token"));
        Assert.Equal(50, searches[0].Arguments["limit"].GetInt32());
    }

    [Theory]
    [InlineData("2026-08-18 09:12:44 UTC", "2026-08-18T09:12:44+00:00")]
    [InlineData("2026-08-18T09:20:01.123+0000", "2026-08-18T09:20:01.123+00:00")]
    [InlineData("2026-08-18T11:20:01.123+0200", "2026-08-18T09:20:01.123+00:00")]
    [InlineData("2026-08-18 09:25:00.456000+00:00", "2026-08-18T09:25:00.456+00:00")]
    [InlineData("2026-08-18T09:25:00.0000000+00:00", "2026-08-18T09:25:00+00:00")]
    public void Jira_timestamps_of_all_three_shapes_are_read(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), JiraTimestamp.Parse(text));

    [Theory]
    [InlineData("2026-08-18 09:12:44 CEST")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Unreadable_timestamps_are_null(string text) => Assert.Null(JiraTimestamp.Parse(text));
}
