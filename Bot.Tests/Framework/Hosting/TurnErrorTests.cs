using System.Net;
using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Hosting;

/// <summary>A turn that throws: the user gets an apology, the caller a bare 500, the log the details.</summary>
public sealed class TurnErrorTests
{
    private const string Secret = "db-password=hunter2 at TeamsItBot.Secret.Method()";

    [Theory]
    [InlineData(ActivityTypes.Message)]
    [InlineData(ActivityTypes.Invoke)]
    public async Task Failing_turn_apologises_to_the_user_and_answers_500_without_details(string type)
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var bot = new DelegateBot((_, _) => throw new InvalidOperationException(Secret));
        await using var host = new BotApplicationFactory(bot);
        var activity = TestActivities.Create(type, connector.ServiceUrl);
        activity.Name = type == ActivityTypes.Invoke ? ActivityHandler.AdaptiveCardActionInvoke : null;

        using var response = await host.PostActivityAsync(activity, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);

        var apology = Assert.Single(connector.Requests);
        Assert.Equal(FakeConnectorOperation.ReplyToActivity, apology.Operation);
        Assert.Equal(activity.Id, apology.ActivityId);
        Assert.Contains("Sorry", apology.Activity!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", apology.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_turn_is_logged_with_the_activity_id_and_the_exception()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var thrown = new InvalidOperationException(Secret);
        await using var host = new BotApplicationFactory(new DelegateBot((_, _) => throw thrown));
        var activity = TestActivities.Message(connector.ServiceUrl);

        using var response = await host.PostActivityAsync(activity, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var entry = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Same(thrown, entry.Exception);
        Assert.Equal(activity.Id, entry["ActivityId"]);
        Assert.Equal(activity.Conversation!.Id, entry["ConversationId"]);
    }

    [Fact]
    public async Task Non_message_turn_failure_sends_no_apology()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var host = new BotApplicationFactory(new DelegateBot((_, _) => throw new InvalidOperationException("boom")));

        using var response = await host.PostActivityAsync(TestActivities.Create(ActivityTypes.ConversationUpdate, connector.ServiceUrl), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Apology_that_cannot_be_delivered_still_ends_in_a_plain_500()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        connector.FailNext(500);
        await using var host = new BotApplicationFactory(new DelegateBot((_, _) => throw new InvalidOperationException(Secret)));

        using var response = await host.PostActivityAsync(TestActivities.Message(connector.ServiceUrl), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("hunter2", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Single(connector.Requests);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is ConnectorException { StatusCode: 500 });
    }
}
