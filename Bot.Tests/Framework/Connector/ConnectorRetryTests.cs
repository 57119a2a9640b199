using System.Diagnostics;
using System.Net;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Connector;

/// <summary>The resilience pipeline of the connector client: retry only what the contract allows.</summary>
public sealed class ConnectorRetryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Too_many_requests_is_retried_after_retry_after_and_then_succeeds()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        connector.FailNext(429, retryAfter: TimeSpan.FromSeconds(1));

        var (outcome, elapsed) = await SendOneReplyAsync(connector);

        Assert.Null(outcome.Error);
        Assert.Equal("fake-activity-1", outcome.Id);
        Assert.Equal([429, 200], connector.Requests.Select(r => r.ResponseStatus));
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(900), $"Retried after {elapsed}, before Retry-After.");
        Assert.Equal(connector.Requests[0].Body, connector.Requests[1].Body);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(412)]
    public async Task Transient_status_is_retried(int status)
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        connector.FailNext(status);

        var (outcome, _) = await SendOneReplyAsync(connector);

        Assert.Null(outcome.Error);
        Assert.Equal([status, 200], connector.Requests.Select(r => r.ResponseStatus));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(500)]
    public async Task Non_retryable_status_is_sent_exactly_once_and_surfaces_to_the_bot(int status)
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        connector.FailNext(status, times: 2);

        var (outcome, _) = await SendOneReplyAsync(connector);

        var error = Assert.IsType<ConnectorException>(outcome.Error);
        Assert.Equal(status, error.StatusCode);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task Persistent_throttling_gives_up_after_the_retry_budget()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        connector.FailNext(503, times: 10);

        var (outcome, _) = await SendOneReplyAsync(connector);

        Assert.Equal(503, Assert.IsType<ConnectorException>(outcome.Error).StatusCode);
        Assert.Equal(4, connector.Requests.Count);
    }

    private static async Task<((string? Id, Exception? Error) Outcome, TimeSpan Elapsed)> SendOneReplyAsync(FakeConnector connector)
    {
        (string? Id, Exception? Error) outcome = default;
        var watch = new Stopwatch();
        await using var host = new BotApplicationFactory(new DelegateBot(async (turn, ct) =>
        {
            watch.Start();
            try
            {
                outcome = ((await turn.SendActivityAsync("hello", ct)).Id, null);
            }
            catch (ConnectorException ex)
            {
                outcome = (null, ex);
            }

            watch.Stop();
        }));

        using var response = await host.PostActivityAsync(TestActivities.Message(connector.ServiceUrl), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (outcome, watch.Elapsed);
    }
}
