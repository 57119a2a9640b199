using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.State;
using TeamsItBot.Support;
using TeamsItBot.Tests.Outbox;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Support;

/// <summary>
/// Two card actions of one conversation (the Execute of a click and its Submit fallback) run one
/// after the other: the second does not read the conversation's state before the first has written it.
/// </summary>
public sealed class ConversationLockTests : IAsyncLifetime
{
    // How long the second turn gets to reach the state while the first is held; it never should.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private readonly ParkingStorage.Holder _storage = new();
    private McpAtlassianDouble _jira = null!;
    private FakeConnector _connector = null!;
    private BotApplicationFactory _app = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _jira = await McpAtlassianDouble.StartAsync();
        _connector = await FakeConnector.StartAsync(cancellationToken: Token);
        _app = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        foreach (var (key, value) in BotSettings.ForDouble(_jira))
        {
            _app.Settings[key] = value;
        }

        _app.Settings["Storage:Provider"] = "Memory";
        _app.ConfigureServices(services => ParkingStorage.Decorate(services, _storage));
    }

    public async ValueTask DisposeAsync()
    {
        _storage.Current?.Release();
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
        await _jira.DisposeAsync();
    }

    [Fact]
    public async Task Execute_and_submit_of_one_click_do_not_interleave_their_state_writes()
    {
        var bot = _app.ServerAddress;
        var chat = new SupportConversationDriver(_connector, "a:lock-" + Guid.NewGuid().ToString("N"));
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        var storage = _storage.Current!;
        storage.Watch($"msteams/conversations/{chat.ConversationId}");

        // The Execute turn is held just as it writes the conversation's state (inside its turn).
        var execute = SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token);
        await storage.WriteHeld.WaitAsync(TimeSpan.FromSeconds(30), Token);
        var submit = SupportConversationDriver.PostAsync(bot, chat.Submit(draftId), Token);
        var interleaved = await Task.WhenAny(storage.ReadWhileHeld, Task.Delay(Grace, Token)) == storage.ReadWhileHeld;
        storage.Release();
        var answers = await Task.WhenAll(execute, submit);

        Assert.False(interleaved, "the Submit turn read the conversation's state while the Execute turn was still writing it");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, _jira.ToolCallCount("jira_create_issue"));
        Assert.DoesNotContain(_app.Logs.Entries, e => e.Message.Contains("changed by another turn", StringComparison.Ordinal));
    }
}
