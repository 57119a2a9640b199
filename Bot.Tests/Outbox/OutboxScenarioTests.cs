using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Support;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Outbox;

/// <summary>
/// The whole app (real ItSupportBot, SQLite file on disk, worker) over HTTP, against the
/// mcp-atlassian contract double and a fake Bot Connector. Tool calls are counted at the double.
/// </summary>
public sealed class OutboxScenarioTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-outbox-" + Guid.NewGuid().ToString("N")[..8]);
    private McpAtlassianDouble _jira = null!;
    private FakeConnector _connector = null!;
    private BotApplicationFactory? _app;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _jira = await McpAtlassianDouble.StartAsync();
        _connector = await FakeConnector.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await _connector.DisposeAsync();
        await _jira.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private Uri StartBot(int timeoutSeconds = 5)
    {
        _app = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        foreach (var (key, value) in BotSettings.ForDouble(_jira, timeoutSeconds))
        {
            _app.Settings[key] = value;
        }

        _app.Settings["Storage:Provider"] = "Sqlite";
        _app.Settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "bot.db")}";
        return _app.ServerAddress;
    }

    [Fact]
    public async Task Two_concurrent_clicks_make_one_tool_call()
    {
        var bot = StartBot();
        var chat = new SupportConversationDriver(_connector, "a:double-click");
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);

        var answers = await Task.WhenAll(
            SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token),
            SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        foreach (var answer in answers) Assert.Contains("Created ticket ITSUPPORT-1", await answer.Content.ReadAsStringAsync(Token));
        Assert.Equal(1, _jira.ToolCallCount("jira_create_issue"));
        Assert.Single(_jira.ToolCalls);
        Assert.Equal(["ITSUPPORT-1"], _jira.IssueKeysWithLabel(JiraTicketFormat.DraftLabel(draftId)));
        Assert.Contains(chat.Texts, t => t.Contains("already exists: ITSUPPORT-1", StringComparison.Ordinal));
        BotSettings.Report($"two concurrent clicks: {_jira.ToolCalls.Count} tool calls ({_jira.ToolCallCount("jira_create_issue")} create)");
    }

    [Fact]
    public async Task Execute_and_submit_of_one_click_make_one_tool_call()
    {
        var bot = StartBot();
        var chat = new SupportConversationDriver(_connector, "a:execute-and-submit");
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);

        await Task.WhenAll(
            SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token),
            SupportConversationDriver.PostAsync(bot, chat.Submit(draftId), Token));
        (await SupportConversationDriver.PostAsync(bot, chat.Message("yes"), Token)).EnsureSuccessStatusCode();

        Assert.Single(_jira.ToolCalls);
        Assert.Equal(1, _jira.ToolCallCount("jira_create_issue"));
        Assert.Equal(2, chat.Texts.Count(t => t.Contains("already exists: ITSUPPORT-1", StringComparison.Ordinal)));
        await chat.WaitForCardUpdateAsync("Creating ticket...", TimeSpan.FromSeconds(10));
        await chat.WaitForCardUpdateAsync("Created ticket ITSUPPORT-1", TimeSpan.FromSeconds(10));
        Assert.All(chat.CardUpdates, c => Assert.False(TeamsItBot.Tests.Support.SupportBot.HasPostBackButtons(c)));
        BotSettings.Report($"execute + submit + typed yes: {_jira.ToolCalls.Count} tool calls ({_jira.ToolCallCount("jira_create_issue")} create)");
    }

    [Fact]
    public async Task Redelivered_activity_is_processed_once()
    {
        var bot = StartBot();
        var chat = new SupportConversationDriver(_connector, "a:redelivery");
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        var click = chat.Execute(draftId, id: "redelivered-click-1");

        var first = await SupportConversationDriver.PostAsync(bot, click, Token);
        var again = await SupportConversationDriver.PostAsync(bot, click, Token);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Token), await again.Content.ReadAsStringAsync(Token));
        Assert.Single(_jira.ToolCalls);
        Assert.DoesNotContain(chat.Texts, t => t.Contains("already exists", StringComparison.Ordinal));
        BotSettings.Report($"redelivered activity id: {_jira.ToolCalls.Count} tool calls ({_jira.ToolCallCount("jira_create_issue")} create)");
    }

    [Fact]
    public async Task Backend_down_at_confirmation_is_queued_then_created_once_and_the_user_told()
    {
        var bot = StartBot();
        var chat = new SupportConversationDriver(_connector, "a:backend-down");
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        _jira.FailNext(10_000);

        var queued = await SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token);
        Assert.Contains("Ticket queued", await queued.Content.ReadAsStringAsync(Token));
        Assert.Contains(chat.Texts, t => t.Contains("I've queued your ticket", StringComparison.Ordinal));
        Assert.Equal(0, _jira.IssueCount);

        _jira.FailNext(0);
        await chat.WaitForTextAsync("your queued ticket has been created: ITSUPPORT-1", TimeSpan.FromSeconds(20));

        Assert.Equal(["ITSUPPORT-1"], _jira.IssueKeysWithLabel(JiraTicketFormat.DraftLabel(draftId)));
        // Down: the create fails (or, if the start-up tools check had not opened a session, not even the
        // session starts). Back: the retry searches for the draft's label, then creates.
        Assert.Equal(["jira_search", "jira_create_issue"], _jira.ToolCalls.Select(c => c.ToolName).TakeLast(2));
        await chat.WaitForCardUpdateAsync("Created ticket ITSUPPORT-1", TimeSpan.FromSeconds(10));
        BotSettings.Report($"backend down: {_jira.ToolCallCount("jira_create_issue")} create + {_jira.ToolCallCount("jira_search")} search calls");
    }

    [Fact]
    public async Task Timeout_after_send_makes_no_duplicate()
    {
        var bot = StartBot(timeoutSeconds: 1);
        var chat = new SupportConversationDriver(_connector, "a:ambiguous-timeout");
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        _jira.ResultDelay = TimeSpan.FromSeconds(3);

        var queued = await SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token);
        _jira.ResultDelay = TimeSpan.Zero;
        Assert.Contains("Ticket queued", await queued.Content.ReadAsStringAsync(Token));

        await chat.WaitForTextAsync("your queued ticket has been created: ITSUPPORT-1", TimeSpan.FromSeconds(20));
        Assert.Equal(["ITSUPPORT-1"], _jira.IssueKeysWithLabel(JiraTicketFormat.DraftLabel(draftId)));
        Assert.Equal(1, _jira.ToolCallCount("jira_create_issue"));
        // The lost answer's ticket is found by its label: one create, then one search, nothing more.
        Assert.Equal(["jira_create_issue", "jira_search"], _jira.ToolCalls.Select(c => c.ToolName));
        BotSettings.Report($"timeout after send: {_jira.ToolCallCount("jira_create_issue")} create + {_jira.ToolCallCount("jira_search")} search calls");
    }
}
