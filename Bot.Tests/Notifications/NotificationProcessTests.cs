using System.Net;
using Microsoft.Data.Sqlite;
using TeamsItBot.Tests.Outbox;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Notifications;

/// <summary>
/// The built bot as separate processes: killed with kill -9 while a notice is owed and started again
/// on the same SQLite file, and two replicas on one PostgreSQL database. Each change reaches the
/// employee exactly once.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class NotificationProcessTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-notify-" + Guid.NewGuid().ToString("N")[..8]);
    private McpAtlassianDouble _jira = null!;
    private FakeConnector _connector = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _jira = await McpAtlassianDouble.StartAsync();
        _connector = await FakeConnector.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _jira.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = BotSettings.ForDouble(_jira);
        foreach (var (key, value) in NotificationSettings.Fast) settings[key] = value;
        return settings;
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task A_notice_owed_when_the_bot_was_killed_is_sent_once_after_restart_and_nothing_is_repeated()
    {
        var settings = Settings();
        settings["Storage:Provider"] = "Sqlite";
        settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "bot.db")}";
        var chat = new SupportConversationDriver(_connector, "a:notify-restart");
        string key;
        await using (var first = await BotProcess.StartAsync(settings, Token))
        {
            key = await FileTicketAsync(chat, first.BaseUrl);
            await WaitForPollsAsync(1, "jira_get_issue");

            // The connector throttles the notice: it stays owed (due again after Retry-After) when the bot dies.
            // A throttle answers at once, so the kill finds the notice waiting, not leased to a send in flight
            // (a crash mid-send delays its notice by the lease, ChangeNoticeWorker.LeaseDuration).
            _connector.FailWhen((_, a) => IsNotice(a), FakeConnectorResponse.Failure(429, TimeSpan.FromSeconds(5)));
            _jira.SetStatus(key, "In Progress");
            await NotificationSettings.WaitUntilAsync(() => _connector.Requests.Any(r => r.Activity is { } a && IsNotice(a)), Token, TimeSpan.FromSeconds(40));
            // Long enough for the throttled attempt to be settled, well before its next one is due.
            await Task.Delay(TimeSpan.FromSeconds(1), Token);
            first.Kill();
        }

        _connector.Recover();
        _jira.AgentComment(key, "Priya Agent", "Fixed the VPN profile, please try again");
        await using (var restarted = await BotProcess.StartAsync(settings, Token))
        {
            await NotificationSettings.WaitForNoticesAsync(_connector, chat.ConversationId, 2, Token, TimeSpan.FromSeconds(40));
            await WaitForPollsAsync(3, "jira_search");

            var notices = NotificationSettings.Notices(_connector, chat.ConversationId).Select(NotificationSettings.TextsOf).ToList();
            Assert.True(notices.Count == 2, $"{notices.Count} notices\n{restarted.Output}");
            Assert.Contains(notices, n => n.Contains("To Do → In Progress"));
            Assert.Contains(notices, n => n.Contains("Fixed the VPN profile, please try again"));
        }
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task Two_processes_on_one_PostgreSQL_poll_once_and_tell_each_change_once()
    {
        var settings = Settings();
        settings["Storage:Provider"] = "Postgres";
        settings["Storage:ConnectionString"] = await postgres.CreateDatabaseAsync("notify2");
        var started = await Task.WhenAll(BotProcess.StartAsync(settings, Token), BotProcess.StartAsync(settings, Token));
        await using var a = started[0];
        await using var b = started[1];
        var chat = new SupportConversationDriver(_connector, "a:notify-two");
        var key = await FileTicketAsync(chat, a.BaseUrl);
        await WaitForPollsAsync(1, "jira_get_issue");

        _jira.SetStatus(key, "In Progress");
        _jira.Assign(key, "Priya Agent");
        _jira.AgentComment(key, "Priya Agent", "On it");
        await NotificationSettings.WaitForNoticesAsync(_connector, chat.ConversationId, 3, Token, TimeSpan.FromSeconds(40));
        var searches = _jira.ToolCallCount("jira_search");
        await WaitForPollsAsync(4, "jira_search");
        var pollSeconds = 4.0;

        var notices = NotificationSettings.Notices(_connector, chat.ConversationId);
        Assert.True(notices.Count == 3, $"{notices.Count} notices\nA:\n{a.Output}\nB:\n{b.Output}");
        // One poller for the deployment: the changes were found by one process only.
        var finders = new[] { a.Output, b.Output }.Count(o => o.Contains("recorded for the owner", StringComparison.Ordinal));
        Assert.Equal(1, finders);
        BotSettings.Report($"two processes polling one PostgreSQL: {_jira.ToolCallCount("jira_search") - searches} searches in ~{pollSeconds} s of 1 s polls");
    }

    private static bool IsNotice(TeamsItBot.Framework.Schema.Activity activity) =>
        activity.Text?.StartsWith("Update on ", StringComparison.Ordinal) == true;

    private async Task WaitForPollsAsync(int more, string tool)
    {
        var before = _jira.ToolCallCount(tool);
        await NotificationSettings.WaitUntilAsync(() => _jira.ToolCallCount(tool) >= before + more, Token, TimeSpan.FromSeconds(40));
    }

    private async Task<string> FileTicketAsync(SupportConversationDriver chat, Uri bot)
    {
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        using var answer = await SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return Assert.Single(_jira.IssueKeysWithLabel(TeamsItBot.Tickets.JiraTicketFormat.DraftLabel(draftId)));
    }
}
