using System.Text.Json;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.FollowUp;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;
using static TeamsItBot.Tests.Support.FollowUp.FollowUpBotHost;

namespace TeamsItBot.Tests.Support.FollowUp;

public sealed class FollowUpConversationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("my tickets")]
    [InlineData("show my open tickets")]
    [InlineData("what tickets do I have?")]
    public async Task My_tickets_answers_with_one_card_of_the_employees_own_tickets(string phrasing)
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops every hour");
        var bobs = await host.FileAsync(Bob, "Bob's secret printer problem");
        var outlook = await host.FileAsync(Ann, "Outlook is slow");
        var chat = Chat(Ann);

        await new TestFlow(chat, host.Bot)
            .Send(phrasing)
            .AssertTyping()
            .AssertReply(reply =>
            {
                var card = CardText(reply);
                Assert.Contains(vpn.Key, card, StringComparison.Ordinal);
                Assert.Contains(outlook.Key, card, StringComparison.Ordinal);
                Assert.DoesNotContain(bobs.Key, card, StringComparison.Ordinal);
                Assert.DoesNotContain("secret printer", card, StringComparison.Ordinal);
                Assert.True(card.IndexOf(outlook.Key, StringComparison.Ordinal) < card.IndexOf(vpn.Key, StringComparison.Ordinal), "newest first");
                Assert.Equal(2, CountOf(card, "\"Action.OpenUrl\""));
                Assert.Equal(4, CountOf(card, $"\"verb\":\"{FollowUpCards.DetailsVerb}\""));
                Assert.Equal(4, CountOf(card, $"\"verb\":\"{FollowUpCards.AddCommentVerb}\""));
                Assert.Equal(2, CountOf(card, "\"Input.Text\""));
                Assert.Contains(FollowUpCards.CommentInputId(vpn.Key), card, StringComparison.Ordinal);
            })
            .StartTestAsync(Token);

        var search = host.Jira.ToolCalls.First(c => c.ToolName == "jira_search");
        Assert.Contains($"labels = \"{TicketOwnership.UserLabel(Ann)}\"", search.Arguments["jql"].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_updated_is_shown_in_the_users_time_zone_from_client_info()
    {
        await using var host = await StartAsync();
        await host.FileAsync(Ann, "VPN drops");
        var chat = Chat(Ann);
        var message = chat.MakeActivity("my tickets");
        message.Entities = [new Entity { Type = "clientInfo", Properties = new Dictionary<string, JsonElement> { ["timezone"] = JsonSerializer.SerializeToElement("Asia/Kolkata") } }];

        var replies = await host.SendAsync(chat, message);

        var card = CardText(Assert.Single(replies));
        var expected = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));
        Assert.Contains(expected.ToString("d MMM yyyy HH:", System.Globalization.CultureInfo.InvariantCulture), card, StringComparison.Ordinal);
        Assert.Contains("(Asia/Kolkata)", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status of {key}")]
    [InlineData("any news on {number}?")]
    [InlineData("what's happening with my vpn ticket?")]
    public async Task Status_of_an_own_ticket_shows_its_details(string phrasing)
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops every hour");
        await host.FileAsync(Ann, "Printer offline");
        host.Jira.AgentComment(vpn.Key, "Bo Agent", "Please update the VPN client to 5.2");
        host.Jira.SetStatus(vpn.Key, "In Progress");
        var chat = Chat(Ann);

        var replies = await host.SayAsync(chat, phrasing.Replace("{key}", vpn.Key, StringComparison.Ordinal).Replace("{number}", vpn.Key.Split('-')[1], StringComparison.Ordinal));

        var card = CardText(Assert.Single(replies));
        Assert.Contains(vpn.Key, card, StringComparison.Ordinal);
        Assert.Contains("Status: In Progress", card, StringComparison.Ordinal);
        Assert.Contains("Please update the VPN client to 5.2", card, StringComparison.Ordinal);
        Assert.Contains("It's fixed: close it", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status of {bobs}")]
    [InlineData("status of ITSUPPORT-999")]
    [InlineData("status of HR-12")]
    [InlineData("add a comment to {bobs}: I own this now")]
    [InlineData("close {bobs}")]
    public async Task Someone_elses_or_unknown_ticket_gets_the_same_polite_refusal(string phrasing)
    {
        await using var host = await StartAsync();
        var bobs = await host.FileAsync(Bob, "Bob's salary spreadsheet is locked");
        var chat = Chat(Ann);
        var text = phrasing.Replace("{bobs}", bobs.Key, StringComparison.Ordinal);
        var key = FollowUpCommandRecognizer.Recognize(text)!.Key!;

        var replies = await host.SayAsync(chat, text);

        Assert.Equal(FollowUpReplies.NotFound(key, "ITSUPPORT"), Assert.Single(replies).Text);
        Assert.Null(Assert.Single(replies).Attachments);
        Assert.Empty(host.Jira.CommentBodies(bobs.Key));
        Assert.Equal("To Do", host.Jira.StatusOf(bobs.Key));
        if (key == "HR-12") Assert.Equal(0, host.Jira.ToolCallCount("jira_get_issue"));
    }

    [Fact]
    public async Task A_typed_comment_becomes_a_jira_comment_saying_who_wrote_it()
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops");
        var chat = Chat(Ann);

        var replies = await host.SayAsync(chat, $"add a comment to {vpn.Key}: it also happens on the **docking station** <at>IT</at> [click](http://x)");

        Assert.Equal(FollowUpReplies.CommentAdded(vpn.Key), Assert.Single(replies).Text);
        var call = Assert.Single(host.Jira.ToolCalls, c => c.ToolName == "jira_add_comment");
        Assert.Equal(vpn.Key, call.Arguments["issue_key"].GetString());
        Assert.Equal(JiraCommentFormat.Comment("Ann Lee", "it also happens on the **docking station** <at>IT</at> [click](http://x)"), call.Arguments["body"].GetString());
        Assert.DoesNotContain("**docking station**", call.Arguments["body"].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_a_comment_without_text_asks_and_takes_the_next_message()
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops");
        var chat = Chat(Ann);

        await new TestFlow(chat, host.Bot)
            .Send($"add a comment to {vpn.Key}")
            .AssertReply(FollowUpReplies.AskComment(vpn.Key))
            .Send("It started after the Windows update")
            .AssertReply(FollowUpReplies.CommentAdded(vpn.Key))
            .StartTestAsync(Token);

        Assert.Equal([JiraCommentFormat.Comment("Ann Lee", "It started after the Windows update")], host.Jira.CommentBodies(vpn.Key));
    }

    [Fact]
    public async Task A_comment_of_20000_characters_is_refused_with_the_limit_and_nothing_is_sent()
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops");
        var chat = Chat(Ann);

        var replies = await host.SayAsync(chat, $"add a comment to {vpn.Key}: " + new string('x', 20_000));

        Assert.Equal(FollowUpReplies.TooLong(20_000, 4000), Assert.Single(replies).Text);
        Assert.Equal(0, host.Jira.ToolCallCount("jira_add_comment"));
    }

    [Fact]
    public async Task Card_comment_box_with_Action_Execute_adds_the_comment()
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops");
        var chat = Chat(Ann);

        var replies = await host.SendAsync(chat, Execute(chat, FollowUpCards.AddCommentVerb,
            new Dictionary<string, string> { [FollowUpCards.TicketKeyKey] = vpn.Key, [FollowUpCards.CommentInputId(vpn.Key)] = "Rebooted, still broken" }));

        Assert.Equal(FollowUpReplies.CommentAdded(vpn.Key), Assert.Single(replies).Text);
        Assert.Equal(200, chat.LastInvokeResponse?.Status);
        Assert.Equal([JiraCommentFormat.Comment("Ann Lee", "Rebooted, still broken")], host.Jira.CommentBodies(vpn.Key));
    }

    [Fact]
    public async Task Its_fixed_close_it_resolves_the_filed_ticket_and_it_came_back_reopens_it()
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops");
        var chat = Chat(Ann);

        await new TestFlow(chat, host.Bot)
            .Send("it's fixed, close it")
            .AssertReply(FollowUpReplies.Resolved(vpn.Key))
            .Send("it came back")
            .AssertReply(FollowUpReplies.Reopened(vpn.Key))
            .StartTestAsync(Token);

        Assert.Equal("To Do", host.Jira.StatusOf(vpn.Key));
        Assert.Equal(["31", "41"], host.Jira.ToolCalls.Where(c => c.ToolName == "jira_transition_issue").Select(c => c.Arguments["transition_id"].GetString()));
    }

    [Fact]
    public async Task Close_where_the_workflow_forbids_it_says_so_and_adds_the_comment()
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops");
        host.Jira.AllowDone = false;
        var chat = Chat(Ann);

        var replies = await host.SayAsync(chat, $"you can close {vpn.Key}, works now");

        Assert.Equal(FollowUpReplies.CannotResolve(vpn.Key, "To Do"), Assert.Single(replies).Text);
        Assert.Single(host.Jira.CommentBodies(vpn.Key));
    }

    [Fact]
    public async Task Jira_down_during_a_status_lookup_gives_a_clear_message_and_a_retry_works()
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops");
        var chat = Chat(Ann);
        host.Jira.FailNext(1);

        var down = await host.SayAsync(chat, $"status of {vpn.Key}");
        var again = await host.SayAsync(chat, $"status of {vpn.Key}");

        Assert.Equal(FollowUpReplies.Failed(new TicketException(TicketFailure.BackendUnavailable, "x")), Assert.Single(down).Text);
        Assert.Contains(vpn.Key, CardText(Assert.Single(again)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jira_slow_during_a_status_lookup_times_out_with_a_clear_message()
    {
        await using var host = await StartAsync(s => s["Tickets:TimeoutSeconds"] = "2");
        var chat = Chat(Ann);
        host.Jira.ToolCallDelay = TimeSpan.FromSeconds(6);

        var replies = await host.SayAsync(chat, "my tickets");

        Assert.Equal(FollowUpReplies.Failed(new TicketException(TicketFailure.Timeout, "x")), Assert.Single(replies).Text);
    }

    [Fact]
    public async Task Markup_in_a_ticket_summary_stays_literal_text_on_the_card()
    {
        await using var host = await StartAsync();
        var key = host.Jira.AddIssue("**Urgent** [pay here](https://evil.example) <at>CEO</at>", TicketOwnership.UserLabel(Ann), TicketOwnership.TrackedLabel);
        var chat = Chat(Ann);

        var card = CardText(Assert.Single(await host.SayAsync(chat, "my tickets")));

        using var json = JsonDocument.Parse(card);
        var runs = FindAll(json.RootElement, "TextRun").Select(r => r.GetProperty("text").GetString()).ToList();
        Assert.Contains("  **Urgent** [pay here](https://evil.example) <at>CEO</at>", runs);
        Assert.DoesNotContain(FindAll(json.RootElement, "TextBlock"), b => b.GetProperty("text").GetString()!.Contains("Urgent", StringComparison.Ordinal));
        Assert.Contains(key, card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Created_ticket_card_has_a_my_tickets_button_that_lists_them()
    {
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops");
        var chat = Chat(Ann);
        var created = TeamsItBot.Support.Cards.SupportCards.Created(new TeamsItBot.Support.Conversation.TicketDraftRecord { DraftId = "d1", Problem = "VPN drops", TicketKey = vpn.Key, BrowseUrl = vpn.BrowseUrl.ToString() });
        Assert.Contains(created.Actions!, a => a is TeamsItBot.Framework.Cards.ActionExecute { Verb: FollowUpCards.MyTicketsVerb });

        var replies = await host.SendAsync(chat, Execute(chat, FollowUpCards.MyTicketsVerb, new Dictionary<string, string>()));

        Assert.Contains(vpn.Key, CardText(Assert.Single(replies)), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string fragment) => (text.Length - text.Replace(fragment, string.Empty, StringComparison.Ordinal).Length) / fragment.Length;

    private static IEnumerable<JsonElement> FindAll(JsonElement element, string type)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var t) && t.GetString() == type) yield return element;
            foreach (var property in element.EnumerateObject())
            {
                foreach (var found in FindAll(property.Value, type)) yield return found;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in FindAll(item, type)) yield return found;
            }
        }
    }
}
