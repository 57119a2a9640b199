using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Outbox;

/// <summary>Two bot processes on one PostgreSQL database, as two replicas behind a load balancer.</summary>
[Collection(PostgresTests.Name)]
public sealed class ScaleOutProcessTests(PostgresServer postgres) : IAsyncLifetime
{
    private McpAtlassianDouble _jira = null!;
    private FakeConnector _connector = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _jira = await McpAtlassianDouble.StartAsync();
        _connector = await FakeConnector.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _jira.DisposeAsync();
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task Two_processes_share_conversations_and_send_each_outbox_item_once()
    {
        var settings = BotSettings.ForDouble(_jira);
        settings["Storage:Provider"] = "Postgres";
        settings["Storage:ConnectionString"] = await postgres.CreateDatabaseAsync("scaleout");
        var started = await Task.WhenAll(BotProcess.StartAsync(settings, Token), BotProcess.StartAsync(settings, Token));
        await using var a = started[0];
        await using var b = started[1];

        // One conversation, its turns alternating between the replicas; the click reaches both (Execute on A, Submit on B).
        var chat = new SupportConversationDriver(_connector, "a:alternating");
        var draftId = await chat.ReachConfirmCardAsync(a.BaseUrl, b.BaseUrl, Token);
        var clicks = await Task.WhenAll(
            SupportConversationDriver.PostAsync(a.BaseUrl, chat.Execute(draftId), Token),
            SupportConversationDriver.PostAsync(b.BaseUrl, chat.Submit(draftId), Token));
        Assert.All(clicks, c => Assert.True(c.IsSuccessStatusCode, $"{c.StatusCode}\nA:\n{a.Output}\nB:\n{b.Output}"));
        (await SupportConversationDriver.PostAsync(a.BaseUrl, chat.Message("yes"), Token)).EnsureSuccessStatusCode();

        Assert.Equal(["ITSUPPORT-1"], _jira.IssueKeysWithLabel(JiraTicketFormat.DraftLabel(draftId)));
        Assert.Equal(1, _jira.ToolCallCount("jira_create_issue"));
        Assert.Contains(chat.Texts, t => t.Contains("already exists: ITSUPPORT-1", StringComparison.Ordinal));
        var conversationCalls = _jira.ToolCalls.Count;
        BotSettings.Report($"two processes, alternating turns, Execute on A + Submit on B + typed yes on A: {conversationCalls} tool calls ({_jira.ToolCallCount("jira_create_issue")} create)");

        // Jira down while four tickets are confirmed, alternately on A and B: all queued.
        var chats = Enumerable.Range(1, 4).Select(i => new SupportConversationDriver(_connector, $"a:queued-{i}")).ToList();
        var drafts = new List<string>();
        for (var i = 0; i < chats.Count; i++)
        {
            drafts.Add(await chats[i].ReachConfirmCardAsync(i % 2 == 0 ? a.BaseUrl : b.BaseUrl, i % 2 == 0 ? b.BaseUrl : a.BaseUrl, Token));
        }

        _jira.FailNext(100_000);
        for (var i = 0; i < chats.Count; i++)
        {
            var answer = await SupportConversationDriver.PostAsync(i % 2 == 0 ? a.BaseUrl : b.BaseUrl, chats[i].Execute(drafts[i]), Token);
            Assert.Contains("Ticket queued", await answer.Content.ReadAsStringAsync(Token));
        }

        // Back up: both workers poll the same table; every item is claimed and sent by exactly one of them.
        var before = _jira.ToolCalls.Count;
        _jira.FailNext(0);
        foreach (var queued in chats)
        {
            await queued.WaitForTextAsync("your queued ticket has been created", TimeSpan.FromSeconds(30));
        }

        var retries = _jira.ToolCalls.Skip(before).ToList();
        foreach (var (queued, draft) in chats.Zip(drafts))
        {
            Assert.Single(_jira.IssueKeysWithLabel(JiraTicketFormat.DraftLabel(draft)));
            Assert.Single(queued.Texts, t => t.Contains("your queued ticket has been created", StringComparison.Ordinal));
        }

        Assert.Equal(5, _jira.IssueCount);
        Assert.Equal(4, retries.Count(c => c.ToolName == "jira_create_issue"));
        Assert.Equal(4, retries.Count(c => c.ToolName == "jira_search"));
        Assert.Contains("Outbox: told the user", a.Output + b.Output, StringComparison.Ordinal);
        BotSettings.Report($"two processes, 4 items queued while Jira failed then retried by both workers: {retries.Count} tool calls " +
            $"({retries.Count(c => c.ToolName == "jira_create_issue")} create + {retries.Count(c => c.ToolName == "jira_search")} search), " +
            $"sent by A: {Count(a.Output)}, by B: {Count(b.Output)}");
    }

    private static int Count(string output) =>
        output.Split('\n').Count(l => l.Contains("Outbox: told the user", StringComparison.Ordinal));
}
