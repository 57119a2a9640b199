using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support;
using TeamsItBot.Tests.Outbox;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.EndToEnd;

/// <summary>
/// A ticket offered in a group chat is the reporter's: only they see the buttons (Universal Actions
/// user-specific views: the card's refresh lists their id) and only they may confirm or decline it.
/// Over HTTP, with the mcp-atlassian double and a fake connector.
/// </summary>
public sealed class GroupChatTicketTests : IAsyncLifetime
{
    private static readonly ChannelAccount Ann = new() { Id = "29:ann-mri", Name = "Ann User", AadObjectId = "aaaaaaaa-0000-0000-0000-000000000001" };
    private static readonly ChannelAccount Bob = new() { Id = "29:bob-mri", Name = "Bob Colleague", AadObjectId = "bbbbbbbb-0000-0000-0000-000000000002" };

    private SupportAppOverDouble _host = null!;
    private readonly string _conversationId = "19:group-" + Guid.NewGuid().ToString("N")[..8] + "@thread.v2";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await SupportAppOverDouble.StartAsync(Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task The_group_card_shows_the_buttons_only_to_the_reporter()
    {
        var (card, draftId) = await ReachConfirmCardAsync(Ann);

        Assert.False(SupportBot.HasPostBackButtons(RemoveRefresh(card)), "everyone's view has no buttons");
        Assert.Contains("Only Ann User can confirm this ticket.", card.GetRawText(), StringComparison.Ordinal);
        var refresh = card.GetProperty("refresh");
        Assert.Equal([Ann.Id], refresh.GetProperty("userIds").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("Action.Execute", refresh.GetProperty("action").GetProperty("type").GetString());
        var verb = refresh.GetProperty("action").GetProperty("verb").GetString()!;

        var annView = await InvokeAsync(Ann, verb, draftId, "automatic");
        var bobView = await InvokeAsync(Bob, verb, draftId, "automatic");

        Assert.Equal("application/vnd.microsoft.card.adaptive", annView.GetProperty("type").GetString());
        Assert.True(SupportBot.HasPostBackButtons(RemoveRefresh(annView.GetProperty("value"))), "the reporter's view has the buttons");
        Assert.Equal("createTicket", annView.GetProperty("value").GetProperty("actions")[0].GetProperty("verb").GetString());
        Assert.Equal("application/vnd.microsoft.card.adaptive", bobView.GetProperty("type").GetString());
        Assert.False(SupportBot.HasPostBackButtons(RemoveRefresh(bobView.GetProperty("value"))), "a colleague's view has none");
        Assert.Empty(_host.Jira.ToolCalls);
        Assert.DoesNotContain(_host.Connector.Activities, a => a.Text?.Contains("ticket", StringComparison.OrdinalIgnoreCase) == true && a.Type == ActivityTypes.Message
            && a.Attachments is null && a.Text.Contains("Only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_colleagues_click_submit_or_yes_is_refused_and_the_reporters_click_creates_the_ticket()
    {
        var (_, draftId) = await ReachConfirmCardAsync(Ann);

        var clicked = await InvokeAsync(Bob, "createTicket", draftId, "manual");
        Assert.Equal("application/vnd.microsoft.activity.message", clicked.GetProperty("type").GetString());
        Assert.Equal("Only Ann User can confirm this ticket.", clicked.GetProperty("value").GetString());

        await PostOkAsync(Submit(Bob, draftId, "createTicket"));
        await PostOkAsync(Mentioning(Bob, "yes"));
        await PostOkAsync(Submit(Bob, draftId, "declineTicket"));
        Assert.Empty(_host.Jira.ToolCalls);
        Assert.Equal(2, Texts().Count(t => t == "Only Ann User can confirm this ticket."));
        Assert.Contains("Only Ann User can decline this ticket.", Texts());

        var created = await InvokeAsync(Ann, "createTicket", draftId, "manual");
        Assert.Contains("Created ticket ITSUPPORT-1", created.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
        var description = _host.Jira.ToolCalls.Single().Arguments["description"].GetString()!;
        Assert.DoesNotContain("Confirmed by", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_whose_reporter_is_unknown_may_be_confirmed_by_anyone_and_the_ticket_says_who()
    {
        var nobody = new ChannelAccount { Name = "Guest" };
        var (_, draftId) = await ReachConfirmCardAsync(nobody);

        var created = await InvokeAsync(Bob, "createTicket", draftId, "manual");

        Assert.Contains("Created ticket ITSUPPORT-1", created.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        var description = _host.Jira.ToolCalls.Single().Arguments["description"].GetString()!;
        Assert.Contains("**Confirmed by:** Bob Colleague (bbbbbbbb-0000-0000-0000-000000000002) (not the reporter)", description, StringComparison.Ordinal);
    }

    private async Task<(JsonElement Card, string DraftId)> ReachConfirmCardAsync(ChannelAccount reporter)
    {
        await PostOkAsync(Mentioning(reporter, "Teams is not working"));
        await PostOkAsync(Mentioning(reporter, "still not working"));
        var card = _host.Connector.Activities.Last(a => a.Conversation?.Id == _conversationId && SupportBot.IsConfirmCard(a));
        var json = SupportBot.CardJson(card);
        // Without a known reporter the card has the buttons (and no refresh) for everyone.
        var draftId = json.TryGetProperty("refresh", out var refresh)
            ? refresh.GetProperty("action").GetProperty("data").GetProperty("draftId").GetString()!
            : SupportBot.DraftIdOf(card);
        return (json, draftId);
    }

    private Activity InGroup(ChannelAccount from, string type)
    {
        var activity = TestActivities.Create(type, _host.Connector.ServiceUrl, conversationId: _conversationId);
        activity.From = from;
        activity.Conversation = new ConversationAccount { Id = _conversationId, TenantId = TestActivities.TenantId, ConversationType = "groupChat", IsGroup = true };
        return activity;
    }

    private Activity Mentioning(ChannelAccount from, string text)
    {
        var message = InGroup(from, ActivityTypes.Message);
        message.Text = "<at>IT Bot</at> " + text;
        message.Entities = [new Entity { Type = "mention", Text = "<at>IT Bot</at>", Mentioned = new ChannelAccount { Id = TestActivities.BotId, Name = "IT Bot" } }];
        return message;
    }

    private Activity Submit(ChannelAccount from, string draftId, string verb)
    {
        var submit = InGroup(from, ActivityTypes.Message);
        submit.Value = JsonSerializer.SerializeToElement(new { draftId, verb });
        return submit;
    }

    private async Task<JsonElement> InvokeAsync(ChannelAccount from, string verb, string draftId, string trigger)
    {
        var invoke = InGroup(from, ActivityTypes.Invoke);
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb, data = new { draftId } }, trigger });
        using var response = await _host.App.PostActivityAsync(invoke, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        return body.Clone();
    }

    private async Task PostOkAsync(Activity activity)
    {
        using var response = await _host.App.PostActivityAsync(activity, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private List<string> Texts() =>
        [.. _host.Connector.Activities.Where(a => a.Conversation?.Id == _conversationId && a.Text is not null).Select(a => a.Text!)];

    /// <summary>The card without its refresh (whose Action.Execute is Teams' to send, not a button).</summary>
    private static JsonElement RemoveRefresh(JsonElement card)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(card.GetRawText())!.AsObject();
        node.Remove("refresh");
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }
}
