using System.Net;
using System.Text.Json;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Cards;
using TeamsItBot.Tests.Outbox;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.EndToEnd;

/// <summary>
/// The created-ticket card asks Teams to refresh it for the reporter (Universal Actions), and the
/// refresh invoke answers the card with the ticket's live status; over HTTP, against the real app,
/// the mcp-atlassian double and the fake connector.
/// </summary>
public sealed class CreatedTicketRefreshTests : IAsyncLifetime
{
    private SupportAppOverDouble _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await SupportAppOverDouble.StartAsync(Token);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_created_card_carries_a_refresh_for_the_reporter_and_the_refresh_shows_the_live_status()
    {
        var (chat, refresh) = await CreateTicketAsync();
        Assert.Equal("Action.Execute", refresh.GetProperty("action").GetProperty("type").GetString());
        Assert.Equal(SupportCards.TicketStatusVerb, refresh.GetProperty("action").GetProperty("verb").GetString());
        Assert.Equal([TestActivities.UserId], refresh.GetProperty("userIds").EnumerateArray().Select(u => u.GetString()));
        _host.Jira.SetStatus("ITSUPPORT-1", "In Progress");
        var sentBefore = _host.Connector.Requests.Count;

        var card = await RefreshAsync(chat, refresh, TestActivities.Create(ActivityTypes.Invoke, _host.Connector.ServiceUrl, conversationId: chat.ConversationId).From!);

        Assert.Contains("Created ticket ITSUPPORT-1", card, StringComparison.Ordinal);
        Assert.Contains("Status: In Progress", card, StringComparison.Ordinal);
        Assert.Contains("\"refresh\"", card, StringComparison.Ordinal);
        Assert.Equal(sentBefore, _host.Connector.Requests.Count);
    }

    [Fact]
    public async Task Another_users_refresh_gets_the_card_without_live_data()
    {
        var (chat, refresh) = await CreateTicketAsync();
        _host.Jira.SetStatus("ITSUPPORT-1", "In Progress");
        var lookups = _host.Jira.ToolCallCount("jira_get_issue");

        var card = await RefreshAsync(chat, refresh, new ChannelAccount { Id = "29:someone-else", Name = "Eve", AadObjectId = "eeeeeeee-0000-0000-0000-00000000000e" });

        Assert.Contains("Created ticket ITSUPPORT-1", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Status:", card, StringComparison.Ordinal);
        Assert.Equal(lookups, _host.Jira.ToolCallCount("jira_get_issue"));
    }

    [Fact]
    public async Task Jira_down_during_a_refresh_answers_the_card_as_it_was_without_an_error()
    {
        var (chat, refresh) = await CreateTicketAsync();
        var sentBefore = _host.Connector.Requests.Count;
        await _host.Jira.GoDownAsync();

        var card = await RefreshAsync(chat, refresh, TestActivities.Create(ActivityTypes.Invoke, _host.Connector.ServiceUrl).From!);

        Assert.Contains("Created ticket ITSUPPORT-1", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Status:", card, StringComparison.Ordinal);
        Assert.Equal(sentBefore, _host.Connector.Requests.Count);
    }

    private async Task<(SupportConversationDriver Chat, JsonElement Refresh)> CreateTicketAsync()
    {
        var bot = _host.App.ServerAddress;
        var chat = new SupportConversationDriver(_host.Connector, "a:refresh-" + Guid.NewGuid().ToString("N")[..8]);
        var draftId = await chat.ReachConfirmCardAsync(bot, Token);
        using var created = await SupportConversationDriver.PostAsync(bot, chat.Execute(draftId), Token);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Token)).RootElement;
        var card = body.GetProperty("value");
        Assert.Contains("Created ticket ITSUPPORT-1", card.GetRawText(), StringComparison.Ordinal);
        // The link reply goes out after the invoke's answer: let it land, so counts taken later see only the refresh's own sends.
        await WaitForLinkReplyAsync(chat.ConversationId);
        await _host.Connector.WaitForQuietAsync();
        return (chat, card.GetProperty("refresh").Clone());
    }

    private async Task WaitForLinkReplyAsync(string conversationId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!_host.Connector.Requests.Any(r => r.ConversationId == conversationId && r.Activity?.Text?.StartsWith("Created ticket ITSUPPORT-1", StringComparison.Ordinal) == true))
        {
            Assert.True(DateTime.UtcNow < deadline, "The link reply never reached the connector.");
            await Task.Delay(20, Token);
        }
    }

    private async Task<string> RefreshAsync(SupportConversationDriver chat, JsonElement refresh, ChannelAccount from)
    {
        var invoke = TestActivities.Create(ActivityTypes.Invoke, _host.Connector.ServiceUrl, conversationId: chat.ConversationId);
        invoke.From = from;
        invoke.Name = "adaptiveCard/action";
        var action = refresh.GetProperty("action");
        invoke.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", verb = action.GetProperty("verb").GetString(), data = action.GetProperty("data") },
            trigger = "automatic",
        });
        using var response = await SupportConversationDriver.PostAsync(_host.App.ServerAddress, invoke, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        return body.GetProperty("value").GetRawText();
    }
}
