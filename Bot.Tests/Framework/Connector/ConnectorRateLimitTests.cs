using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Connector;

/// <summary>
/// Teams' limits per conversation thread and per tenant, over HTTP: proactive sends through the
/// real adapter and connector client to the fake connector on 127.0.0.1, with the default settings.
/// </summary>
public sealed class ConnectorRateLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 90_000)]
    public async Task A_burst_of_50_proactive_sends_to_one_conversation_reaches_Teams_at_most_7_in_any_second()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = StartHost();
        var adapter = host.Services.GetRequiredService<CloudAdapter>();

        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => SendAsync(adapter, connector, "a:burst", $"change {i}")));

        var arrivals = connector.Requests.Where(r => r.ConversationId == "a:burst").Select(r => r.ReceivedAt).ToList();
        Assert.Equal(50, arrivals.Count);
        Assert.All(connector.Requests, r => Assert.Equal(200, r.ResponseStatus));
        Assert.True(MostInAnyWindow(arrivals, TimeSpan.FromSeconds(1)) <= 7, $"{MostInAnyWindow(arrivals, TimeSpan.FromSeconds(1))} sends arrived within one second.");
        Assert.True(MostInAnyWindow(arrivals, TimeSpan.FromSeconds(2)) <= 8, $"{MostInAnyWindow(arrivals, TimeSpan.FromSeconds(2))} sends arrived within two seconds.");
        // Queued, not dropped: every change arrived, each once.
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"change {i}").Order(), connector.Activities.Select(a => a.Text!).Order());
    }

    [Fact]
    public async Task A_busy_conversation_does_not_slow_another()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = StartHost();
        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        var start = Stopwatch.GetTimestamp();

        var busy = Enumerable.Range(1, 30).Select(i => SendAsync(adapter, connector, "a:busy", $"busy {i}")).ToList();
        await Task.Delay(100, Token);
        await Task.WhenAll(Enumerable.Range(1, 5).Select(i => SendAsync(adapter, connector, "a:quiet", $"quiet {i}")));
        var quietDone = Stopwatch.GetElapsedTime(start);
        var busyDelivered = connector.Requests.Count(r => r.ConversationId == "a:busy");

        Assert.True(quietDone < TimeSpan.FromSeconds(2), $"The quiet conversation's 5 sends took {quietDone}.");
        Assert.True(busyDelivered < 30, "The busy conversation was not paced at all.");
        await Task.WhenAll(busy);
        Assert.Equal(30, connector.Requests.Count(r => r.ConversationId == "a:busy"));
    }

    [Fact]
    public async Task A_429_holds_the_conversations_later_sends_for_its_Retry_After()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = StartHost();
        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        connector.FailWhen((_, activity) => activity.Text == "first", FakeConnectorResponse.Failure(429, TimeSpan.FromSeconds(2)), times: 1);

        var first = SendAsync(adapter, connector, "a:throttled", "first");
        await connector.WaitForRequestsAsync(1);
        var throttledAt = connector.Requests[0].ReceivedAt;
        // The request is recorded before its answer leaves: let the 429 reach the bot.
        await Task.Delay(300, Token);
        var held = SendAsync(adapter, connector, "a:throttled", "second");
        await SendAsync(adapter, connector, "a:other", "elsewhere");
        await Task.WhenAll(first, held);

        var requests = connector.Requests;
        var second = Assert.Single(requests, r => r.Activity?.Text == "second");
        var elsewhere = Assert.Single(requests, r => r.Activity?.Text == "elsewhere");
        Assert.True(Elapsed(throttledAt, second.ReceivedAt) >= TimeSpan.FromMilliseconds(1900),
            $"The second send went {Elapsed(throttledAt, second.ReceivedAt)} after the 429's Retry-After of 2 s.");
        Assert.Equal([429, 200], requests.Where(r => r.Activity?.Text == "first").Select(r => r.ResponseStatus));
        Assert.True(Elapsed(throttledAt, elsewhere.ReceivedAt) < TimeSpan.FromMilliseconds(1500), "Another conversation was held by this one's 429.");
    }

    [Fact]
    public async Task A_long_Retry_After_reaches_the_caller_and_later_sends_fail_fast_without_calling_Teams()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = StartHost();
        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        connector.FailNext(429, retryAfter: TimeSpan.FromSeconds(30));

        var first = await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(adapter, connector, "a:blocked", "first"));
        var second = await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(adapter, connector, "a:blocked", "second"));
        await SendAsync(adapter, connector, "a:free", "other conversation");

        Assert.Equal(429, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), first.RetryAfter);
        Assert.Equal(429, second.StatusCode);
        Assert.InRange(second.RetryAfter!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(["first", "other conversation"], connector.Requests.Select(r => r.Activity!.Text!));
    }

    [Theory]
    [InlineData("ConnectorRateLimits:PerConversationPerSecond", "0")]
    [InlineData("ConnectorRateLimits:PerTenantPerSecond", "-5")]
    [InlineData("ConnectorRateLimits:QueueLimit", "-1")]
    public async Task An_invalid_rate_limit_stops_the_start_naming_the_setting(string key, string value)
    {
        await using var host = new BotApplicationFactory(new DelegateBot());
        host.Settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(() => host.StartServer());

        var validation = Assert.IsType<OptionsValidationException>(error is OptionsValidationException ? error : error.InnerException ?? error.GetBaseException());
        Assert.Contains(key.Split(':')[1], validation.Message, StringComparison.Ordinal);
    }

    private static BotApplicationFactory StartHost()
    {
        var host = new BotApplicationFactory(new DelegateBot());
        host.StartServer();
        return host;
    }

    private static Task SendAsync(CloudAdapter adapter, FakeConnector connector, string conversationId, string text)
    {
        var reference = ConversationReference.From(TestActivities.Message(connector.ServiceUrl, conversationId: conversationId));
        return adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivityAsync(text, ct), Token);
    }

    private static TimeSpan Elapsed(long from, long to) => Stopwatch.GetElapsedTime(from, to);

    private static int MostInAnyWindow(IReadOnlyList<long> arrivals, TimeSpan window)
    {
        var sorted = arrivals.Order().ToList();
        var most = 0;
        for (int start = 0, end = 0; start < sorted.Count; start++)
        {
            while (end < sorted.Count && Elapsed(sorted[start], sorted[end]) < window)
            {
                end++;
            }

            most = Math.Max(most, end - start);
        }

        return most;
    }
}
