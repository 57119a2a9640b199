using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Support;

public sealed class ConversationFlowTests
{
    [Fact]
    public async Task Teams_problem_gets_steps_then_ticket_offer_then_ticket()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");

        await bot.Flow(adapter)
            .Send("Teams is not working")
            .AssertReply(a => Assert.Contains("Microsoft Teams", a.Text))
            .AssertReply(a => Assert.Contains("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
            .Send("Still not working")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a), "expected the confirm card"))
            .Send("yes please")
            .AssertTyping()
            .AssertReply(a =>
            {
                Assert.Equal("Created ticket ITSUPPORT-1: https://jira.example/browse/ITSUPPORT-1", a.Text);
                // One clear result: the text, and the card above it replaced; no third copy as a link card.
                Assert.Null(a.Attachments);
            })
            .StartTestAsync(TestContext.Current.CancellationToken);

        var draft = Assert.Single(bot.Tickets.Drafts);
        Assert.Equal("Teams is not working", draft.OriginalProblem);
        Assert.NotEmpty(draft.StepsShown);
        Assert.Equal("user1", draft.ReporterName);

        // "Creating..." first (buttons gone before Jira is asked), then the result.
        var confirmCard = adapter.SentActivities.First(SupportBot.IsConfirmCard);
        Assert.Equal(2, adapter.UpdatedActivities.Count);
        Assert.All(adapter.UpdatedActivities, u => Assert.Equal(confirmCard.Id, u.Id));
        Assert.All(adapter.UpdatedActivities, u => Assert.False(SupportBot.HasPostBackButtons(SupportBot.CardJson(u)), "a replaced card must have no buttons"));
        Assert.Contains("Creating ticket...", SupportBot.CardJson(adapter.UpdatedActivities[0]).GetRawText());
        var created = SupportBot.CardJson(adapter.UpdatedActivities[1]);
        Assert.Contains("Created ticket ITSUPPORT-1", created.GetRawText());
        Assert.Equal("https://jira.example/browse/ITSUPPORT-1", created.GetProperty("actions")[0].GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Yeah")]
    [InlineData("sure")]
    [InlineData("ok")]
    [InlineData("Okay!")]
    [InlineData("create ticket")]
    [InlineData("Create a ticket")]
    [InlineData("go ahead")]
    [InlineData("please create")]
    [InlineData("yes create")]
    public async Task Every_confirmation_word_creates_the_ticket(string confirmation)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("vpn wont connect")
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("didn't help")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .Send(confirmation)
            .AssertTyping()
            .AssertReplyContains("Created ticket ITSUPPORT-1")
            .StartTestAsync(TestContext.Current.CancellationToken);

        Assert.Single(bot.Tickets.Drafts);
    }

    [Fact]
    public async Task Fixed_answer_ends_without_a_ticket()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("outlok wont sync")
            .AssertReply(a => Assert.Contains("Outlook", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("yes, it's fixed")
            .AssertReplyContains("glad")
            .AssertReply(a => Assert.Contains("Did I help?", SupportBot.CardJson(a).GetRawText()))
            .AssertNoReply()
            .StartTestAsync(TestContext.Current.CancellationToken);

        Assert.Empty(bot.Tickets.Drafts);
    }

    [Fact]
    public async Task Decline_is_acknowledged_and_nothing_is_filed()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        await bot.Flow(adapter)
            .Send("my printer is jammed")
            .AssertReply(a => Assert.Contains("Printer", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("no")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .Send("no thanks")
            .AssertReplyContains("won't create a ticket")
            .StartTestAsync(TestContext.Current.CancellationToken);

        Assert.Empty(bot.Tickets.Drafts);
        Assert.Contains("No ticket created", SupportBot.CardJson(Assert.Single(adapter.UpdatedActivities)).GetRawText());
    }

    [Fact]
    public async Task Help_mid_flow_answers_and_asks_the_same_question_again()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("wifi keeps dropping")
            .AssertReply(a => Assert.Contains("Wi-Fi", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("help")
            .AssertReplyContains("Here's how I can help")
            .AssertReply(a => Assert.Contains("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
            .Send("still not working")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Help_offers_a_my_tickets_button()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("help")
            .AssertReply(a =>
            {
                Assert.Contains("Here's how I can help", a.Text, StringComparison.Ordinal);
                var card = SupportBot.CardJson(a).GetRawText();
                Assert.Contains("\"verb\":\"itbot.myTickets\"", card, StringComparison.Ordinal);
                Assert.Contains("My tickets", card, StringComparison.Ordinal);
            })
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("start over")]
    [InlineData("Start over!")]
    public async Task Cancel_or_start_over_drops_the_flow_at_any_point(string command)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("teams keeps crashing")
            .AssertReply(a => Assert.Contains("Teams", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send(command)
            .AssertReplyContains("dropped")
            .Send("still not working")
            .AssertReply(a => Assert.False(SupportBot.IsConfirmCard(a), "a cancelled flow must not continue"))
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Ticket_request_without_description_asks_for_one_first()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("I need a ticket")
            .AssertReplyContains("describe the problem")
            .Send("My second monitor flickers every few minutes")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .Send("yes")
            .AssertTyping()
            .AssertReplyContains("Created ticket ITSUPPORT-1")
            .StartTestAsync(TestContext.Current.CancellationToken);

        var draft = Assert.Single(bot.Tickets.Drafts);
        Assert.Equal("My second monitor flickers every few minutes", draft.OriginalProblem);
        Assert.Empty(draft.StepsShown);
    }

    [Fact]
    public async Task Ticket_request_with_description_goes_straight_to_the_card()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("Please open a ticket for my broken keyboard")
            .AssertReply(a =>
            {
                Assert.True(SupportBot.IsConfirmCard(a));
                Assert.Contains("my broken keyboard", SupportBot.CardJson(a).GetRawText());
            })
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Ticket_request_after_steps_reuses_the_problem_and_steps()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("cant connect to vpn")
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("I need a ticket")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .Send("go ahead")
            .AssertTyping()
            .AssertReplyContains("Created ticket")
            .StartTestAsync(TestContext.Current.CancellationToken);

        var draft = Assert.Single(bot.Tickets.Drafts);
        Assert.Equal("cant connect to vpn", draft.OriginalProblem);
        Assert.NotEmpty(draft.StepsShown);
    }

    [Fact]
    public async Task New_problem_mid_flow_restarts_with_that_problem()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("Teams is not working")
            .AssertReply(a => Assert.Contains("Teams", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("Actually my Outlook won't send emails")
            .AssertReply(a => Assert.Contains("Outlook", a.Text))
            .AssertReply(a => Assert.Contains("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
            .Send("still not working")
            .AssertReply(a => Assert.Contains("Outlook won", SupportBot.CardJson(a).GetRawText()))
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Unknown_problem_gets_general_steps_and_the_ticket_offer()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("the blue widget thing is acting weird")
            .AssertReplyContains("general first steps")
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("nope")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Welcome_is_sent_once_per_conversation()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var botAccount = adapter.Conversation.Bot!;
        await bot.Flow(adapter)
            .Send(adapter.MakeConversationUpdate(botAccount))
            .AssertReplyContains("I'm the IT support bot")
            .Send(new Activity { Type = ActivityTypes.InstallationUpdate, Action = "add" })
            .AssertNoReply()
            .Send(adapter.MakeConversationUpdate(botAccount))
            .AssertNoReply()
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Group_chat_answers_only_when_mentioned_and_strips_the_mention()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var plain = adapter.MakeActivity("Teams is not working");
        plain.Conversation = new ConversationAccount { Id = "19:group@thread.v2", ConversationType = "groupChat", IsGroup = true };
        var mentioned = adapter.MakeActivity("<at>IT Bot</at> Teams is not working");
        mentioned.Conversation = plain.Conversation;
        mentioned.Entities = [new Entity { Type = "mention", Text = "<at>IT Bot</at>", Mentioned = new ChannelAccount { Id = "bot", Name = "IT Bot" } }];

        await bot.Flow(adapter)
            .Send(plain)
            .AssertNoReply()
            .Send(mentioned)
            .AssertReply(a => Assert.Contains("Microsoft Teams", a.Text))
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Group_chat_answer_buttons_submit_data_and_work_without_a_mention()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var group = new ConversationAccount { Id = "19:group@thread.v2", ConversationType = "groupChat", IsGroup = true };
        var mentioned = adapter.MakeActivity("<at>IT Bot</at> vpn wont connect");
        mentioned.Conversation = group;
        mentioned.Entities = [new Entity { Type = "mention", Text = "<at>IT Bot</at>", Mentioned = new ChannelAccount { Id = "bot", Name = "IT Bot" } }];
        string? notFixedAnswer = null;

        await bot.Flow(adapter)
            .Send(mentioned)
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a =>
            {
                var button = SupportBot.CardJson(a).GetProperty("actions")[1];
                Assert.Equal("Action.Submit", button.GetProperty("type").GetString());
                Assert.False(button.GetProperty("data").TryGetProperty("msteams", out _), "imBack would post an unmentioned message the bot ignores");
                notFixedAnswer = button.GetProperty("data").GetProperty("answer").GetString();
            })
            .StartTestAsync(TestContext.Current.CancellationToken);

        var click = adapter.MakeActivity();
        click.Text = null;
        click.Conversation = group;
        click.Value = System.Text.Json.JsonSerializer.SerializeToElement(new { answer = notFixedAnswer });
        await bot.Flow(adapter)
            .Send(click)
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a), "the submitted answer must reach the dialog"))
            .StartTestAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task User_markdown_in_the_card_is_shown_as_plain_text_runs()
    {
        await using var bot = new SupportBot();
        const string Problem = "**URGENT** [click](https://evil.example) # heading\n- item for the ticket";
        await bot.Flow()
            .Send("open a ticket for " + Problem)
            .AssertReply(a =>
            {
                var card = SupportBot.CardJson(a);
                foreach (var element in card.GetProperty("body").EnumerateArray())
                {
                    if (element.GetProperty("type").GetString() == "TextBlock")
                    {
                        Assert.DoesNotContain("URGENT", element.GetProperty("text").GetString());
                    }
                }

                Assert.Contains(card.GetProperty("body").EnumerateArray(), e =>
                    e.GetProperty("type").GetString() == "RichTextBlock"
                    && e.GetProperty("inlines")[0].GetProperty("text").GetString()!.Contains("**URGENT** [click]", StringComparison.Ordinal));
            })
            .StartTestAsync(TestContext.Current.CancellationToken);
    }
}
