using System.Net;
using System.Text.Json;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Hosting;

/// <summary>POST /api/messages over real HTTP: what each activity type is answered.</summary>
public sealed class MessageEndpointTests
{
    private const string LocalServiceUrl = "http://127.0.0.1:9/";

    [Theory]
    [InlineData(ActivityTypes.Message)]
    [InlineData(ActivityTypes.Event)]
    [InlineData(ActivityTypes.ConversationUpdate)]
    [InlineData(ActivityTypes.InstallationUpdate)]
    public async Task Non_invoke_activities_are_answered_200_with_an_empty_body(string type)
    {
        var bot = new DelegateBot();
        await using var host = new BotApplicationFactory(bot);

        using var response = await host.PostActivityAsync(TestActivities.Create(type, LocalServiceUrl), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task Invoke_is_answered_with_the_invoke_response_status_and_body()
    {
        var bot = new DelegateBot((turn, ct) =>
            turn.SetInvokeResponseAsync(new InvokeResponse(200, AdaptiveCardInvokeResponse.Message("Ticket IT-7 created")), ct));
        await using var host = new BotApplicationFactory(bot);

        using var response = await host.PostActivityAsync(
            TestActivities.Invoke(LocalServiceUrl, ActivityHandler.AdaptiveCardActionInvoke, new { action = new { type = "Action.Execute", verb = "createTicket" } }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, body.RootElement.GetProperty("type").GetString());
        Assert.Equal("Ticket IT-7 created", body.RootElement.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Invoke_response_with_an_error_status_is_passed_through()
    {
        var bot = new DelegateBot((turn, ct) =>
            turn.SetInvokeResponseAsync(new InvokeResponse(409, AdaptiveCardInvokeResponse.Error(409, "Conflict", "Already created")), ct));
        await using var host = new BotApplicationFactory(bot);

        using var response = await host.PostActivityAsync(TestActivities.Invoke(LocalServiceUrl, "adaptiveCard/action", new { action = new { } }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Conflict", body.RootElement.GetProperty("value").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_invoke_is_answered_501_by_an_activity_handler()
    {
        var bot = new PlainActivityHandler();
        await using var host = new BotApplicationFactory(bot);

        using var response = await host.PostActivityAsync(TestActivities.Invoke(LocalServiceUrl, "composeExtension/unknownThing", new { }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task Invoke_the_bot_does_not_answer_is_501()
    {
        var bot = new DelegateBot();
        await using var host = new BotApplicationFactory(bot);

        using var response = await host.PostActivityAsync(TestActivities.Invoke(LocalServiceUrl, "task/fetch", null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task Unknown_fields_of_the_inbound_activity_reach_the_bot()
    {
        JsonElement? seen = null;
        var bot = new DelegateBot((turn, _) =>
        {
            seen = turn.Activity.Properties?["futureField"];
            return Task.CompletedTask;
        });
        await using var host = new BotApplicationFactory(bot);
        var activity = TestActivities.Message(LocalServiceUrl);
        activity.Properties = new Dictionary<string, JsonElement> { ["futureField"] = JsonSerializer.SerializeToElement(new { x = 1 }) };

        using var response = await host.PostActivityAsync(activity, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, seen?.GetProperty("x").GetInt32());
    }

    private sealed class PlainActivityHandler : ActivityHandler;
}
