using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support;
using TeamsItBot.Tests.Outbox;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.EndToEnd;

/// <summary>
/// The ticket turn over real HTTP while the Bot Connector misbehaves (fake connector: 500, 403, a
/// closed connection, a hang, a long Retry-After) on the typing indicator, the card replacements or
/// the "Created ticket" message. Whatever it does: the click is answered in time with the result,
/// one ticket exists, and its key reaches the chat exactly once (later, proactively, if need be).
/// </summary>
public sealed class ConnectorFaultTests : IAsyncLifetime
{
    /// <summary>Teams' invoke budget is 15 s; the turn must stay well inside it.</summary>
    private static readonly TimeSpan InvokeBudget = TimeSpan.FromSeconds(8);

    private SupportAppOverDouble _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await SupportAppOverDouble.StartAsync(Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
    }

    public static TheoryData<string, string> Faults()
    {
        var rows = new TheoryData<string, string>();
        foreach (var send in new[] { "typing", "card update", "created message", "every send" })
        {
            foreach (var fault in new[] { "500", "403", "closed connection", "hang" })
            {
                rows.Add(send, fault);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_failing_connector_never_decides_the_ticket_and_the_key_reaches_the_chat_once(string send, string fault)
    {
        var bot = _host.App.ServerAddress;
        var chat = new SupportConversationDriver(_host.Connector, "a:fault-" + Guid.NewGuid().ToString("N")[..8]);
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        // The proactive retry of the message gets through: only the turn's own attempt fails.
        _host.Connector.FailWhen(Matches(send), Response(fault), times: send is "created message" or "every send" ? 1 : int.MaxValue);
        if (send == "every send")
        {
            _host.Connector.FailWhen((_, _) => true, Response(fault), times: 2);
        }

        var clock = Stopwatch.StartNew();
        using var answer = await SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token);
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(elapsed < InvokeBudget, $"the invoke took {elapsed}");
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Contains("Created ticket ITSUPPORT-1", body.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["ITSUPPORT-1"], _host.Jira.IssueKeysWithLabel(JiraTicketFormat.DraftLabel(draftId)));

        await WaitForDeliveredKeyAsync(chat.ConversationId, TimeSpan.FromSeconds(20));
        // Give a duplicate time to show up before counting.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Token);
        Assert.Single(DeliveredKeys(chat.ConversationId));
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
    }

    [Theory]
    [InlineData("500")]
    [InlineData("closed connection")]
    [InlineData("hang")]
    public async Task A_submit_or_typed_yes_whose_every_send_fails_is_still_a_200_and_the_ticket(string fault)
    {
        var bot = _host.App.ServerAddress;
        var chat = new SupportConversationDriver(_host.Connector, "a:submit-" + Guid.NewGuid().ToString("N")[..8]);
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        _host.Connector.FailWhen((_, _) => true, Response(fault), times: 3);

        var clock = Stopwatch.StartNew();
        using var answer = await SupportConversationDriver.PostAsync(bot, chat.Submit(draftId), Token);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(clock.Elapsed < InvokeBudget, $"the turn took {clock.Elapsed}");
        Assert.Equal(["ITSUPPORT-1"], _host.Jira.IssueKeysWithLabel(JiraTicketFormat.DraftLabel(draftId)));
        await WaitForDeliveredKeyAsync(chat.ConversationId, TimeSpan.FromSeconds(20));
        Assert.Single(DeliveredKeys(chat.ConversationId));
    }

    [Fact]
    public async Task A_long_retry_after_moves_the_message_to_the_background_instead_of_holding_the_turn()
    {
        var bot = _host.App.ServerAddress;
        var chat = new SupportConversationDriver(_host.Connector, "a:throttled-" + Guid.NewGuid().ToString("N")[..8]);
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        var retryAfter = TimeSpan.FromSeconds(5);
        _host.Connector.FailWhen(Matches("created message"), FakeConnectorResponse.Failure(429, retryAfter), times: 1);

        var clock = Stopwatch.StartNew();
        using var answer = await SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token);
        var answeredAfter = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answeredAfter < TimeSpan.FromSeconds(3), $"the invoke waited {answeredAfter} for the Retry-After");
        await WaitForDeliveredKeyAsync(chat.ConversationId, TimeSpan.FromSeconds(20));
        Assert.True(clock.Elapsed >= retryAfter - TimeSpan.FromMilliseconds(300), $"sent again after {clock.Elapsed}, before the Retry-After");
        Assert.Single(DeliveredKeys(chat.ConversationId));
        // Throttled once, not retried by the HTTP pipeline in the turn: one 429, then the background send.
        Assert.Equal(1, _host.Connector.Requests.Count(r => r.ResponseStatus == 429));
    }

    private static Func<FakeConnectorOperation, Activity, bool> Matches(string send) => send switch
    {
        "typing" => (_, a) => a.Type == ActivityTypes.Typing,
        "card update" => (operation, _) => operation == FakeConnectorOperation.UpdateActivity,
        "created message" => (_, a) => a.Text?.StartsWith("Created ticket", StringComparison.Ordinal) == true,
        _ => (_, _) => true,
    };

    private static FakeConnectorResponse Response(string fault) => fault switch
    {
        "closed connection" => FakeConnectorResponse.ClosedConnection,
        "hang" => FakeConnectorResponse.Hang,
        _ => FakeConnectorResponse.Failure(int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>Messages with the key the connector accepted (a hung or refused one never reached the chat).</summary>
    private List<string> DeliveredKeys(string conversationId) =>
        [.. _host.Connector.Delivered
            .Where(a => a.Conversation?.Id == conversationId && a.Type == ActivityTypes.Message && a.Text?.Contains("ITSUPPORT-1", StringComparison.Ordinal) == true)
            .Select(a => a.Text!)];

    private async Task WaitForDeliveredKeyAsync(string conversationId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DeliveredKeys(conversationId).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the key never reached the chat");
            await Task.Delay(50, Token);
        }
    }
}
