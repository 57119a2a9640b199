using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Connector;

/// <summary>Replies, sends and updates leaving through the real adapter and connector client to a fake connector.</summary>
public sealed class ConnectorThroughAdapterTests
{
    private const string ChannelConversationId = "19:abc@thread.v2;messageid=123";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TestActivities.PersonalConversationId, "1712345678901", "/v3/conversations/a%3A1Xy-9_Q/activities/1712345678901")]
    [InlineData(ChannelConversationId, "f:abc;1@x", "/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D123/activities/f%3Aabc%3B1%40x")]
    public async Task Reply_goes_to_the_escaped_reply_route(string conversationId, string activityId, string expectedTarget)
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = new BotApplicationFactory(new DelegateBot((turn, ct) => turn.SendActivityAsync("On it.", ct)));

        using var response = await host.PostActivityAsync(TestActivities.Message(connector.ServiceUrl, id: activityId, conversationId: conversationId), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(expectedTarget, request.RawTarget);
        Assert.Equal(FakeConnectorOperation.ReplyToActivity, request.Operation);
        Assert.Equal(conversationId, request.ConversationId);
        Assert.Equal(activityId, request.ActivityId);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_is_addressed_from_the_inbound_activity()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = new BotApplicationFactory(new DelegateBot((turn, ct) => turn.SendActivityAsync("On it.", ct)));
        var inbound = TestActivities.Message(connector.ServiceUrl, conversationId: ChannelConversationId);
        inbound.Locale = "de-DE";

        using var response = await host.PostActivityAsync(inbound, Token);

        var reply = Assert.Single(connector.Activities);
        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("On it.", reply.Text);
        Assert.Equal(inbound.Recipient!.Id, reply.From!.Id);
        Assert.Equal(inbound.Recipient.Name, reply.From.Name);
        Assert.Equal(inbound.From!.Id, reply.Recipient!.Id);
        Assert.Equal(inbound.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(inbound.Conversation.TenantId, reply.Conversation.TenantId);
        Assert.Equal(inbound.ServiceUrl, reply.ServiceUrl);
        Assert.Equal("msteams", reply.ChannelId);
        Assert.Equal("de-DE", reply.Locale);
        Assert.Equal(inbound.Id, reply.ReplyToId);
        Assert.Equal(inbound.Id, connector.Requests[0].ActivityId);
    }

    [Fact]
    public async Task Service_url_with_a_path_and_trailing_slash_is_joined_once()
    {
        await using var connector = await FakeConnector.StartAsync("/amer", Token);
        await using var host = new BotApplicationFactory(new DelegateBot((turn, ct) => turn.SendActivityAsync("hi", ct)));
        Assert.EndsWith("/amer/", connector.ServiceUrl, StringComparison.Ordinal);

        using var response = await host.PostActivityAsync(TestActivities.Message(connector.ServiceUrl, id: "77"), Token);

        Assert.Equal("/amer/v3/conversations/a%3A1Xy-9_Q/activities/77", Assert.Single(connector.Requests).RawTarget);
    }

    [Fact]
    public async Task Resource_ids_reach_the_bot_and_update_puts_to_the_activity()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        ResourceResponse? sent = null;
        ResourceResponse? updated = null;
        var bot = new DelegateBot(async (turn, ct) =>
        {
            sent = await turn.SendActivityAsync("Creating your ticket...", ct);
            var replacement = Activity.CreateMessageActivity("Ticket IT-42 created");
            replacement.Id = sent.Id;
            updated = await turn.UpdateActivityAsync(replacement, ct);
        });
        await using var host = new BotApplicationFactory(bot);
        var inbound = TestActivities.Message(connector.ServiceUrl, conversationId: ChannelConversationId);

        using var response = await host.PostActivityAsync(inbound, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fake-activity-1", sent?.Id);
        Assert.Equal("fake-activity-1", updated?.Id);
        var put = connector.Requests[1];
        Assert.Equal("PUT", put.Method);
        Assert.Equal(FakeConnectorOperation.UpdateActivity, put.Operation);
        Assert.Equal("/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D123/activities/fake-activity-1", put.RawTarget);
        Assert.Equal("Ticket IT-42 created", put.Activity!.Text);
        Assert.Equal("fake-activity-1", put.Activity.Id);
        Assert.Null(put.Activity.ReplyToId);
        Assert.Equal(TestActivities.BotId, put.Activity.From!.Id);
    }

    [Fact]
    public async Task Typing_goes_out_as_a_typing_activity()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        var responded = true;
        await using var host = new BotApplicationFactory(new DelegateBot(async (turn, ct) =>
        {
            await turn.SendTypingAsync(ct);
            responded = turn.Responded;
        }));

        using var response = await host.PostActivityAsync(TestActivities.Message(connector.ServiceUrl), Token);

        var typing = Assert.Single(connector.Activities);
        Assert.Equal(ActivityTypes.Typing, typing.Type);
        Assert.Null(typing.Text);
        Assert.Null(typing.Attachments);
        Assert.False(responded);
    }

    [Fact]
    public async Task Local_mode_sends_no_bearer_token()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = new BotApplicationFactory(new DelegateBot((turn, ct) => turn.SendActivityAsync("hi", ct)));

        using var response = await host.PostActivityAsync(TestActivities.Message(connector.ServiceUrl), Token);

        Assert.Null(Assert.Single(connector.Requests).Authorization);
    }

    [Fact]
    public async Task Token_from_the_token_provider_is_sent_as_bearer()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        await using var host = new BotApplicationFactory(new DelegateBot((turn, ct) => turn.SendActivityAsync("hi", ct)))
            .ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new StaticTokenProvider("outbound-token-123"))));

        using var response = await host.PostActivityAsync(TestActivities.Message(connector.ServiceUrl), Token);

        Assert.Equal("Bearer outbound-token-123", Assert.Single(connector.Requests).Authorization);
    }

    [Fact]
    public async Task Untrusted_service_url_is_refused_without_any_call()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        Exception? refused = null;
        await using var host = new BotApplicationFactory(new DelegateBot(async (turn, ct) =>
        {
            var outgoing = Activity.CreateMessageActivity("leak");
            outgoing.ServiceUrl = "https://evil.example/";
            refused = await Record.ExceptionAsync(() => turn.SendActivityAsync(outgoing, ct));
        }));

        using var response = await host.PostActivityAsync(TestActivities.Message(connector.ServiceUrl), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<UntrustedServiceUrlException>(refused);
        Assert.Empty(connector.Requests);
    }
}
