using System.Net;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Outbox;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Notifications;

/// <summary>
/// Change notifications end to end over real sockets: the app on a Kestrel port, tickets in the
/// mcp-atlassian contract double, where an "agent" changes them, and replies at a fake connector.
/// The poller runs every second with the default five-minute overlap, so every poll reads the
/// same tickets again: only the stored per-ticket state may decide what is news.
/// </summary>
public sealed class ChangeNotificationTests : IAsyncLifetime
{
    private SupportAppOverDouble _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await SupportAppOverDouble.StartAsync(Token);
        foreach (var (key, value) in NotificationSettings.Fast)
        {
            _host.App.Settings[key] = value;
        }
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task A_status_change_and_a_comment_each_reach_the_employee_once_however_often_the_window_reads_them()
    {
        var (chat, key) = await FileTicketAsync("a:notify-once");
        // Let a poll see the new ticket first, so its status is known ("To Do").
        var seen = _host.Jira.ToolCallCount("jira_get_issue");
        await NotificationSettings.WaitUntilAsync(() => _host.Jira.ToolCallCount("jira_get_issue") > seen, Token);

        _host.Jira.SetStatus(key, "In Progress");
        await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 1, Token);
        const string Comment = "Please restart the **docking station** <at>x</at> [click](https://evil.example)";
        _host.Jira.AgentComment(key, "Priya Agent", Comment);
        await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 2, Token);

        // Several more polls re-read the same ticket inside the overlap window.
        var polls = _host.Jira.ToolCallCount("jira_search");
        await NotificationSettings.WaitUntilAsync(() => _host.Jira.ToolCallCount("jira_search") >= polls + 3, Token);

        var notices = NotificationSettings.Notices(_host.Connector, chat.ConversationId);
        Assert.Equal(2, notices.Count);
        Assert.Contains("Status changed", NotificationSettings.TextsOf(notices[0]));
        Assert.Contains("To Do → In Progress", NotificationSettings.TextsOf(notices[0]));
        var comment = NotificationSettings.TextsOf(notices[1]);
        Assert.Contains("Priya Agent", comment);
        // The commenter's words arrive exactly as written, in a text run (not markdown).
        Assert.Contains(Comment, comment);
        Assert.Contains("\"type\":\"TextRun\"", notices[1], StringComparison.Ordinal);
        Assert.Contains(chat.CardUpdates, c => NotificationSettings.TextsOf(c) is var texts && texts.Contains("Current status") && texts.Contains("In Progress"));
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task A_change_made_before_the_first_poll_saw_the_ticket_is_still_told()
    {
        var (chat, key) = await FileTicketAsync("a:notify-early");

        _host.Jira.SetStatus(key, "In Progress");
        _host.Jira.Assign(key, "Priya Agent");
        await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 2, Token);

        var notices = NotificationSettings.Notices(_host.Connector, chat.ConversationId).Select(NotificationSettings.TextsOf).ToList();
        Assert.Contains(notices, n => n.Contains("Status changed") && n.Contains("In Progress"));
        Assert.Contains(notices, n => n.Contains("Now assigned to") && n.Contains("Priya Agent"));
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task A_window_busier_than_one_batch_is_read_in_steps_and_every_change_is_told()
    {
        _host.App.Settings["Tickets:FollowUp:BatchSize"] = "2";
        var filed = new List<(SupportConversationDriver Chat, string Key)>();
        for (var i = 0; i < 5; i++)
        {
            filed.Add(await FileTicketAsync($"a:notify-busy-{i}"));
        }

        // All five change at once: the newest three lie beyond the first batch of the window.
        foreach (var (_, key) in filed)
        {
            _host.Jira.SetStatus(key, "In Progress");
        }

        foreach (var (chat, _) in filed)
        {
            await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 1, Token);
        }

        var polls = _host.Jira.ToolCallCount("jira_search");
        await NotificationSettings.WaitUntilAsync(() => _host.Jira.ToolCallCount("jira_search") >= polls + 3, Token);
        Assert.All(filed, f => Assert.Single(NotificationSettings.Notices(_host.Connector, f.Chat.ConversationId)));
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task The_bots_own_comment_is_not_echoed_but_the_agents_answer_is()
    {
        var (chat, key) = await FileTicketAsync("a:notify-own");

        (await SupportConversationDriver.PostAsync(_host.App.ServerAddress, chat.Message($"add a comment to {key}: it also happens on the docking station"), Token)).EnsureSuccessStatusCode();
        Assert.Single(_host.Jira.CommentBodies(key));
        _host.Jira.AgentComment(key, "Priya Agent", "Thanks, looking at it");
        await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 1, Token);
        var polls = _host.Jira.ToolCallCount("jira_search");
        await NotificationSettings.WaitUntilAsync(() => _host.Jira.ToolCallCount("jira_search") >= polls + 2, Token);

        var notice = Assert.Single(NotificationSettings.Notices(_host.Connector, chat.ConversationId));
        Assert.Contains("Thanks, looking at it", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("docking station", notice, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task A_conversation_that_removed_the_bot_gets_no_more_notices_and_it_is_logged_once()
    {
        var (chat, key) = await FileTicketAsync("a:notify-gone");
        var (_, second) = await FileTicketAsync("a:notify-gone");
        _host.Connector.FailWhen((_, activity) => activity.Conversation?.Id == chat.ConversationId, FakeConnectorResponse.Failure(403));

        _host.Jira.SetStatus(key, "In Progress");
        _host.Jira.SetStatus(second, "In Progress");
        await NotificationSettings.WaitUntilAsync(() => GoneLogs().Count >= 1, Token);
        _host.Jira.AgentComment(key, "Priya Agent", "Anyone there?");
        var polls = _host.Jira.ToolCallCount("jira_search");
        await NotificationSettings.WaitUntilAsync(() => _host.Jira.ToolCallCount("jira_search") >= polls + 3, Token);

        Assert.Single(GoneLogs());
        var attempts = _host.Connector.Requests.Count(r => r.ConversationId == chat.ConversationId && r.Activity?.Text?.StartsWith("Update on", StringComparison.Ordinal) == true);
        Assert.Equal(1, attempts);
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task While_Jira_is_down_readyz_says_the_poller_backs_off_and_afterwards_nothing_is_lost()
    {
        var (chat, key) = await FileTicketAsync("a:notify-down");
        using var client = _host.App.CreateClient();

        _host.Jira.FailNext(100_000);
        _host.Jira.SetStatus(key, "In Progress");
        _host.Jira.AgentComment(key, "Priya Agent", "Working on it while you were away");
        (string Status, string Description) poller = default;
        await NotificationSettings.WaitUntilAsync(() =>
        {
            poller = PollerCheckAsync(client).GetAwaiter().GetResult();
            return poller.Description.Contains("backing off", StringComparison.Ordinal);
        }, Token);
        Assert.Equal("Degraded", poller.Status);
        Assert.Contains("(ticket backend: ", poller.Description, StringComparison.Ordinal);
        Assert.Empty(NotificationSettings.Notices(_host.Connector, chat.ConversationId));

        _host.Jira.FailNext(0);
        await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 2, Token, TimeSpan.FromSeconds(40));
        Assert.Equal("Healthy", (await PollerCheckAsync(client)).Status);
        Assert.Equal(2, NotificationSettings.Notices(_host.Connector, chat.ConversationId).Count);
    }

    private static async Task<(string Status, string Description)> PollerCheckAsync(HttpClient client)
    {
        // 503 too: the ticket-tools check fails while Jira is down; the body still lists every check.
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Token);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var check = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "ticket-poller");
        return (check.GetProperty("status").GetString()!, check.GetProperty("description").GetString() ?? string.Empty);
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task A_ticket_IT_resolves_is_told_once_with_one_satisfaction_card_and_a_second_resolution_in_the_period_asks_nothing()
    {
        var (chat, first) = await FileTicketAsync("a:notify-resolved");
        var (_, second) = await FileTicketAsync("a:notify-resolved");

        _host.Jira.SetStatus(first, "Done");
        await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 1, Token);
        await NotificationSettings.WaitUntilAsync(() => Surveys(chat.ConversationId).Count >= 1, Token);
        _host.Jira.SetStatus(second, "Done");
        await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 2, Token);
        var polls = _host.Jira.ToolCallCount("jira_search");
        await NotificationSettings.WaitUntilAsync(() => _host.Jira.ToolCallCount("jira_search") >= polls + 2, Token);

        Assert.Equal(2, NotificationSettings.Notices(_host.Connector, chat.ConversationId).Count);
        var survey = Assert.Single(Surveys(chat.ConversationId));
        Assert.Contains(first, survey, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task A_ticket_the_employee_closes_through_the_bot_is_not_announced_back_to_them()
    {
        var (chat, key) = await FileTicketAsync("a:notify-own-close");
        var seen = _host.Jira.ToolCallCount("jira_get_issue");
        await NotificationSettings.WaitUntilAsync(() => _host.Jira.ToolCallCount("jira_get_issue") > seen, Token);

        (await SupportConversationDriver.PostAsync(_host.App.ServerAddress, chat.Message($"it's fixed, close {key}"), Token)).EnsureSuccessStatusCode();
        Assert.Equal("Done", _host.Jira.StatusOf(key));
        _host.Jira.AgentComment(key, "Priya Agent", "Glad it works");
        await NotificationSettings.WaitForNoticesAsync(_host.Connector, chat.ConversationId, 1, Token);
        var polls = _host.Jira.ToolCallCount("jira_search");
        await NotificationSettings.WaitUntilAsync(() => _host.Jira.ToolCallCount("jira_search") >= polls + 2, Token);

        var notice = Assert.Single(NotificationSettings.Notices(_host.Connector, chat.ConversationId));
        Assert.Contains("Glad it works", notice, StringComparison.Ordinal);
    }

    private List<string> Surveys(string conversationId) =>
        [.. _host.Connector.Delivered
            .Where(a => a.Conversation?.Id == conversationId && a.Attachments is { Count: 1 })
            .Select(a => SupportBot.CardJson(a).GetRawText())
            .Where(card => card.Contains("How satisfied are you", StringComparison.Ordinal))];

    private List<LogEntry> GoneLogs() =>
        [.. _host.App.Logs.Entries.Where(e => e.Message.Contains("the bot was removed from the conversation", StringComparison.Ordinal))];

    private async Task<(SupportConversationDriver Chat, string Key)> FileTicketAsync(string conversationId)
    {
        var chat = new SupportConversationDriver(_host.Connector, conversationId);
        var bot = _host.App.ServerAddress;
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        using var answer = await SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var keys = _host.Jira.IssueKeysWithLabel(TeamsItBot.Tickets.JiraTicketFormat.DraftLabel(draftId));
        return (chat, Assert.Single(keys));
    }
}
