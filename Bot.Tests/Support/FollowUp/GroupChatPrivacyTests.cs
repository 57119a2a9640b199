using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.FollowUp;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets.FollowUp;
using static TeamsItBot.Tests.Support.FollowUp.FollowUpBotHost;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>
/// In a group chat an employee's ticket list and ticket details are theirs alone: the chat sees a
/// placeholder, and only the asker's Universal Actions refresh brings the real card, computed for
/// whoever invokes it.
/// </summary>
public sealed class GroupChatPrivacyTests
{
    private const string Group = "19:it-questions@thread.v2";

    private static TestAdapter GroupChat(string objectId, string name) => new(new ConversationReference(
        "https://test.example/", "msteams", new ConversationAccount { Id = Group, IsGroup = true, ConversationType = "groupChat" },
        new ChannelAccount { Id = "bot", Name = "IT Bot", Role = "bot" },
        new ChannelAccount { Id = "29:" + objectId, Name = name, Role = "user", AadObjectId = objectId },
        null, "en-US"));

    private static Activity Mentioning(TestAdapter chat, string text)
    {
        var message = InGroup(chat.MakeActivity("<at>IT Bot</at> " + text));
        message.Entities = [new Entity { Type = "mention", Text = "<at>IT Bot</at>", Mentioned = new ChannelAccount { Id = "bot", Name = "IT Bot" } }];
        return message;
    }

    /// <summary>The test adapter addresses activities with the conversation id only; Teams also says it is a group.</summary>
    private static Activity InGroup(Activity activity)
    {
        activity.Conversation = new ConversationAccount { Id = Group, IsGroup = true, ConversationType = "groupChat" };
        return activity;
    }

    private static JsonElement InvokeCard(TestAdapter chat)
    {
        var response = Assert.IsType<AdaptiveCardInvokeResponse>(chat.LastInvokeResponse?.Body);
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, response.Type);
        return JsonSerializer.SerializeToElement(Assert.IsType<AdaptiveCard>(response.Value), BotJson.Options);
    }

    private static JsonElement RefreshOf(JsonElement card, string userId)
    {
        var refresh = card.GetProperty("refresh");
        Assert.Equal([userId], refresh.GetProperty("userIds").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(FollowUpCards.PrivateViewVerb, refresh.GetProperty("action").GetProperty("verb").GetString());
        return refresh.GetProperty("action").GetProperty("data");
    }

    [Fact]
    public async Task My_tickets_in_a_group_chat_shows_the_list_only_in_the_askers_own_view()
    {
        await using var host = await StartAsync();
        var vpn = host.Jira.AddIssue("VPN drops at home", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(Ann));
        var ann = GroupChat(Ann, "Ann Lee");

        var placeholder = SupportBot.CardJson(Assert.Single(await host.SendAsync(ann, Mentioning(ann, "my tickets"))));

        var everyone = placeholder.GetRawText();
        Assert.Contains("shown only to you", everyone, StringComparison.Ordinal);
        Assert.DoesNotContain(vpn, everyone, StringComparison.Ordinal);
        Assert.DoesNotContain("VPN drops", everyone, StringComparison.Ordinal);
        var data = RefreshOf(placeholder, "29:" + Ann);

        await host.SendAsync(ann, InGroup(Execute(ann, FollowUpCards.PrivateViewVerb, data)));
        var annsView = InvokeCard(ann);
        Assert.Contains(vpn, annsView.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("VPN drops at home", annsView.GetRawText(), StringComparison.Ordinal);
        RefreshOf(annsView, "29:" + Ann);

        // Someone else invoking the same refresh gets their own (empty) list, never Ann's.
        var bob = GroupChat(Bob, "Bob Stone");
        await host.SendAsync(bob, InGroup(Execute(bob, FollowUpCards.PrivateViewVerb, data)));
        var bobsView = InvokeCard(bob).GetRawText();
        Assert.DoesNotContain(vpn, bobsView, StringComparison.Ordinal);
        Assert.DoesNotContain("VPN drops", bobsView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_key_in_a_group_chat_shows_the_details_only_in_the_askers_own_view()
    {
        await using var host = await StartAsync();
        var key = host.Jira.AddIssue("Printer jams on floor 2", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(Ann));
        host.Jira.SetStatus(key, "In Progress");
        var ann = GroupChat(Ann, "Ann Lee");

        var placeholder = SupportBot.CardJson(Assert.Single(await host.SendAsync(ann, Mentioning(ann, $"status of {key}"))));

        Assert.DoesNotContain("Printer jams", placeholder.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("In Progress", placeholder.GetRawText(), StringComparison.Ordinal);
        var data = RefreshOf(placeholder, "29:" + Ann);
        await host.SendAsync(ann, InGroup(Execute(ann, FollowUpCards.PrivateViewVerb, data)));
        var annsView = InvokeCard(ann).GetRawText();
        Assert.Contains("Printer jams on floor 2", annsView, StringComparison.Ordinal);
        Assert.Contains("In Progress", annsView, StringComparison.Ordinal);

        var bob = GroupChat(Bob, "Bob Stone");
        var refused = await host.SendAsync(bob, InGroup(Execute(bob, FollowUpCards.PrivateViewVerb, data)));
        Assert.DoesNotContain("Printer jams", JsonSerializer.Serialize(bob.LastInvokeResponse?.Body, BotJson.Options), StringComparison.Ordinal);
        Assert.DoesNotContain(refused, a => (a.Text ?? string.Empty).Contains("Printer jams", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_personal_chat_still_gets_the_list_itself()
    {
        await using var host = await StartAsync();
        var key = host.Jira.AddIssue("Laptop fan is loud", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(Ann));

        var card = SupportBot.CardJson(Assert.Single(await host.SayAsync(Chat(Ann), "my tickets"))).GetRawText();

        Assert.Contains(key, card, StringComparison.Ordinal);
        Assert.DoesNotContain("shown only to you", card, StringComparison.Ordinal);
    }
}
