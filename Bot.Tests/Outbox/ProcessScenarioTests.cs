using Microsoft.Data.Sqlite;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Outbox;

/// <summary>
/// The built bot as a separate process (SQLite file on disk), killed with kill -9 while a confirmed
/// ticket is on its way to the mcp-atlassian double, then started again on the same file.
/// </summary>
public sealed class ProcessScenarioTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-kill-" + Guid.NewGuid().ToString("N")[..8]);
    private McpAtlassianDouble _jira = null!;
    private FakeConnector _connector = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabaseFile => Path.Combine(_directory, "bot.db");

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

    [Theory(Timeout = TestTimeouts.Slow)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bot_killed_while_sending_creates_the_ticket_once_after_restart(bool jiraActedBeforeTheKill)
    {
        // The lease must outlive one attempt (2 x timeout); the restarted bot takes the item over when it ends.
        var settings = BotSettings.ForDouble(_jira, timeoutSeconds: 3);
        settings["Storage:Provider"] = "Sqlite";
        settings["Storage:ConnectionString"] = $"Data Source={DatabaseFile}";
        settings["BOT_DATA_DIR"] = _directory;
        settings["Outbox:LeaseDuration"] = "00:00:07";
        var chat = new SupportConversationDriver(_connector, "a:killed-" + jiraActedBeforeTheKill);
        string draftId;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var first = await BotProcess.StartAsync(settings, Token))
        {
            BotSettings.Report($"timing: started {watch.Elapsed}");
            draftId = await chat.ReachConfirmCardAsync(first.BaseUrl, Token);
            // Either Jira holds the create before acting (the kill cancels it), or acts and holds the answer.
            if (jiraActedBeforeTheKill) _jira.ResultDelay = TimeSpan.FromMinutes(1);
            else _jira.ToolCallDelay = TimeSpan.FromMinutes(1);

            var click = SupportConversationDriver.PostAsync(first.BaseUrl, chat.Execute(draftId), Token);
            await WaitUntilAsync(() => _jira.ToolCallCount("jira_create_issue") == 1 && (!jiraActedBeforeTheKill || _jira.IssueCount == 1));
            Assert.Equal(("sending", 1L), await ReadOutboxRowAsync(draftId));

            first.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => click);
        }

        Assert.Equal(jiraActedBeforeTheKill ? 1 : 0, _jira.IssueCount);
        _jira.ToolCallDelay = TimeSpan.Zero;
        _jira.ResultDelay = TimeSpan.Zero;

        BotSettings.Report($"timing: killed {watch.Elapsed}");
        await using (var restarted = await BotProcess.StartAsync(settings, Token))
        {
            BotSettings.Report($"timing: restarted {watch.Elapsed}");
            await chat.WaitForTextAsync("your queued ticket has been created: ITSUPPORT-1", TimeSpan.FromSeconds(30));
            await WaitUntilAsync(() => chat.CardUpdates.Any(c => c.Contains("Created ticket ITSUPPORT-1", StringComparison.Ordinal)));
            BotSettings.Report($"timing: notified {watch.Elapsed}");
        }

        Assert.Equal(["ITSUPPORT-1"], _jira.IssueKeysWithLabel(JiraTicketFormat.DraftLabel(draftId)));
        Assert.Equal(1, _jira.IssueCount);
        // Before the kill: one create. After: a search by the draft label first; a create only if it found nothing.
        Assert.Equal(
            jiraActedBeforeTheKill ? ["jira_create_issue", "jira_search"] : ["jira_create_issue", "jira_search", "jira_create_issue"],
            _jira.ToolCalls.Select(c => c.ToolName));
        Assert.Contains(chat.CardUpdates, c => c.Contains("Created ticket ITSUPPORT-1", StringComparison.Ordinal));
        BotSettings.Report($"kill -9 while sending (Jira acted before the kill: {jiraActedBeforeTheKill}): " +
            $"{_jira.ToolCallCount("jira_create_issue")} create + {_jira.ToolCallCount("jira_search")} search calls, {_jira.IssueCount} issue");
    }

    private async Task<(string Status, long Attempts)> ReadOutboxRowAsync(string draftId)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, attempts FROM ticket_outbox WHERE draft_id = $id";
        command.Parameters.AddWithValue("$id", draftId);
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token), "the confirmed draft must be recorded before it is sent");
        return (reader.GetString(0), reader.GetInt64(1));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, double seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold in time.");
            await Task.Delay(25);
        }
    }
}
