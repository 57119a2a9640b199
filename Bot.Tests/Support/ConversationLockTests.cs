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
    private SupportAppOverDouble _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await SupportAppOverDouble.StartAsync(Token);
        _host.App.ConfigureServices(services => ParkingStorage.Decorate(services, _storage));
    }

    public async ValueTask DisposeAsync()
    {
        _storage.Current?.Release();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Execute_and_submit_of_one_click_do_not_interleave_their_state_writes()
    {
        var bot = _host.App.ServerAddress;
        var chat = new SupportConversationDriver(_host.Connector, "a:lock-" + Guid.NewGuid().ToString("N"));
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
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
        Assert.DoesNotContain(_host.App.Logs.Entries, e => e.Message.Contains("changed by another turn", StringComparison.Ordinal));
    }
}
