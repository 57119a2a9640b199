using System.Net;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Hosting;

public sealed class TurnContextTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invoke_response_is_kept_for_the_http_answer_and_never_sent()
    {
        var adapter = new RecordingAdapter();
        var turn = new TurnContext(adapter, TestActivities.Create(ActivityTypes.Invoke, "http://127.0.0.1:9/"));
        var answer = new InvokeResponse(200, new { ok = true });

        var responses = await turn.SendActivitiesAsync(
            [Activity.CreateTypingActivity(), new Activity { Type = ActivityTypes.InvokeResponse, Value = answer }, Activity.CreateMessageActivity("done")],
            Token);

        Assert.Same(answer, turn.InvokeResponse);
        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Message], adapter.Sent.Select(a => a.Type));
        Assert.Equal(["sent-1", null, "sent-2"], responses.Select(r => r.Id));
        Assert.True(turn.Responded);
    }

    [Fact]
    public async Task Responded_stays_false_for_typing_and_invoke_response_only()
    {
        var adapter = new RecordingAdapter();
        var turn = new TurnContext(adapter, TestActivities.Create(ActivityTypes.Invoke, "http://127.0.0.1:9/"));

        await turn.SendTypingAsync(Token);
        await turn.SetInvokeResponseAsync(new InvokeResponse(200), Token);

        Assert.False(turn.Responded);
        await turn.SendActivityAsync("now", Token);
        Assert.True(turn.Responded);
    }

    [Fact]
    public async Task Explicit_reply_to_id_and_fields_are_kept()
    {
        var adapter = new RecordingAdapter();
        var turn = new TurnContext(adapter, TestActivities.Message("http://127.0.0.1:9/"));
        var outgoing = Activity.CreateMessageActivity("x");
        outgoing.ReplyToId = "card-7";
        outgoing.Locale = "fr-FR";

        await turn.SendActivityAsync(outgoing, Token);

        Assert.Equal("card-7", adapter.Sent[0].ReplyToId);
        Assert.Equal("fr-FR", adapter.Sent[0].Locale);
    }

    [Fact]
    public async Task Invoke_response_through_the_endpoint_is_not_posted_to_the_connector()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = new BotApplicationFactory(new DelegateBot((turn, ct) => turn.SetInvokeResponseAsync(new InvokeResponse(200, new { ok = 1 }), ct)));

        using var response = await host.PostActivityAsync(TestActivities.Invoke(connector.ServiceUrl, "adaptiveCard/action", new { action = new { } }), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task Conversation_update_replies_go_to_the_conversation_without_reply_to_id()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = new BotApplicationFactory(new DelegateBot((turn, ct) => turn.SendActivityAsync("Welcome!", ct)));
        var update = TestActivities.Create(ActivityTypes.ConversationUpdate, connector.ServiceUrl);
        update.MembersAdded = [new ChannelAccount { Id = TestActivities.BotId }];

        using var response = await host.PostActivityAsync(update, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(connector.Requests);
        Assert.Equal(FakeConnectorOperation.SendToConversation, request.Operation);
        Assert.Equal("/v3/conversations/a%3A1Xy-9_Q/activities", request.RawTarget);
        Assert.Null(request.Activity!.ReplyToId);
        Assert.Equal(TestActivities.BotId, request.Activity.From!.Id);
    }

    [Fact]
    public async Task Proactive_turn_sends_to_the_conversation()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = new BotApplicationFactory(new DelegateBot());
        host.StartServer();
        var adapter = (CloudAdapter)host.Services.GetService(typeof(CloudAdapter))!;
        var reference = ConversationReference.From(TestActivities.Message(connector.ServiceUrl));

        await adapter.ContinueConversationAsync(reference, (turn, ct) => turn.SendActivityAsync("Your ticket IT-9 was created.", ct), Token);

        var request = Assert.Single(connector.Requests);
        Assert.Equal(FakeConnectorOperation.SendToConversation, request.Operation);
        Assert.Equal(TestActivities.UserId, request.Activity!.Recipient!.Id);
        Assert.Equal(TestActivities.TenantId, request.Activity.Conversation!.TenantId);
    }

    private sealed class RecordingAdapter : BotAdapter
    {
        public List<Activity> Sent { get; } = [];

        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
        {
            var responses = new ResourceResponse[activities.Count];
            for (var i = 0; i < activities.Count; i++)
            {
                Sent.Add(activities[i]);
                responses[i] = new ResourceResponse($"sent-{Sent.Count}");
            }

            return Task.FromResult(responses);
        }

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
            throw new UntrustedServiceUrlException("not used");
    }
}
