using System.Text.Json;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Insights;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Insights;

/// <summary>What the conversation records: one event per problem, with its outcome, topic and score, and no text unless nothing matched.</summary>
public sealed class OutcomeEventTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Solved_problem_records_solved_with_topic_and_score_and_no_text()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("outlok wont sync")
            .AssertReply(a => Assert.Contains("Outlook", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("yes, it's fixed")
            .AssertReply(a => Assert.Contains("glad", a.Text))
            .AssertReply(a => Assert.Contains("Did I help?", SupportBot.CardJson(a).GetRawText()))
            .StartTestAsync(Token);

        var outcome = Assert.Single(await bot.WaitForEventsAsync(1));
        Assert.Equal(ProblemOutcome.Solved, outcome.Outcome);
        Assert.Equal("outlook", outcome.Topic);
        Assert.True(outcome.Score > 0);
        Assert.Null(outcome.UnmatchedText);
        Assert.Equal("en", outcome.Language);
        Assert.True(outcome.Surveyed);
        Assert.DoesNotContain("user1", outcome.UserHash, StringComparison.Ordinal);
        Assert.Equal(32, outcome.UserHash.Length);
        Assert.NotNull(outcome.Duration);
    }

    [Fact]
    public async Task Ticket_after_the_steps_records_ticket_created_and_nothing_else()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("vpn wont connect")
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("didn't help")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .Send("yes")
            .AssertTyping()
            .AssertReplyContains("Created ticket ITSUPPORT-1")
            .StartTestAsync(Token);

        var outcome = Assert.Single(await bot.WaitForEventsAsync(1));
        Assert.Equal(ProblemOutcome.TicketCreated, outcome.Outcome);
        Assert.Equal("vpn", outcome.Topic);
        Assert.False(outcome.Surveyed);
    }

    [Fact]
    public async Task Declined_ticket_records_declined()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("vpn wont connect")
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("didn't help")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .Send("no")
            .AssertReply(_ => { })
            .StartTestAsync(Token);

        Assert.Equal(ProblemOutcome.Declined, Assert.Single(await bot.WaitForEventsAsync(1)).Outcome);
    }

    [Fact]
    public async Task Cancel_during_the_steps_records_abandoned_and_a_new_problem_leaves_the_old_one_abandoned()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("vpn wont connect")
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("outlook wont sync at all")
            .AssertReply(a => Assert.Contains("Outlook", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("cancel")
            .AssertReply(_ => { })
            .StartTestAsync(Token);

        var events = await bot.WaitForEventsAsync(2);
        Assert.Equal([("vpn", ProblemOutcome.Abandoned), ("outlook", ProblemOutcome.Abandoned)], events.Select(e => (e.Topic, e.Outcome)));
    }

    [Theory]
    [InlineData("the coffee machine on floor 3 is leaking")]
    [InlineData("Die Kaffeemaschine im dritten Stock tropft")]
    public async Task Out_of_scope_request_is_recorded_as_out_of_scope_without_its_text(string request)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send(request)
            .AssertReply(_ => { })
            .StartTestAsync(Token);

        var outcome = Assert.Single(await bot.WaitForEventsAsync(1));
        Assert.Equal(ProblemOutcome.OutOfScope, outcome.Outcome);
        Assert.Null(outcome.UnmatchedText);
    }

    [Theory]
    [InlineData("my stapler makes a strange noise every morning", "my stapler makes a strange noise every morning")]
    [InlineData("Mein Tacker macht jeden Morgen ein komisches Geräusch", "Mein Tacker macht jeden Morgen ein komisches Geräusch")]
    public async Task Unmatched_problem_keeps_its_text_for_admins(string problem, string kept)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send(problem)
            .AssertReply(_ => { })
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("yes, it's fixed")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .StartTestAsync(Token);

        var outcome = Assert.Single(await bot.WaitForEventsAsync(1));
        Assert.Null(outcome.Topic);
        Assert.Equal(kept, outcome.UnmatchedText);
    }

    [Fact]
    public async Task Unmatched_text_is_cut_to_200_characters_and_dropped_when_switched_off()
    {
        var longProblem = "my stapler " + string.Concat(Enumerable.Repeat("wobbles strangely ", 30));
        await using (var bot = new SupportBot())
        {
            await AbandonAsync(bot, longProblem);
            var outcome = Assert.Single(await bot.WaitForEventsAsync(1));
            Assert.Equal(ProblemOutcome.Unmatched, outcome.Outcome);
            Assert.Equal(longProblem.Trim()[..200], outcome.UnmatchedText);
        }

        await using (var bot = new SupportBot(settings: new Dictionary<string, string?> { ["Analytics:KeepUnmatchedText"] = "false" }))
        {
            await AbandonAsync(bot, longProblem);
            var outcome = Assert.Single(await bot.WaitForEventsAsync(1));
            Assert.Equal(ProblemOutcome.Unmatched, outcome.Outcome);
            Assert.Null(outcome.UnmatchedText);
        }
    }

    [Fact]
    public async Task Survey_is_shown_once_per_period_and_its_answer_is_stored_on_the_event()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        await SolveAsync(bot, adapter, "outlook wont sync", expectSurvey: true);
        var surveyCard = adapter.SentActivities.Last(a => a.Attachments is { Count: 1 } && SupportBot.CardJson(a).GetRawText().Contains("Did I help?", StringComparison.Ordinal));
        var thumbsDown = SupportBot.CardJson(surveyCard).GetProperty("actions")[1].GetProperty("fallback").GetProperty("data");

        var click = adapter.MakeActivity();
        click.Text = null;
        click.ReplyToId = surveyCard.Id;
        var data = JsonSerializer.Deserialize<Dictionary<string, object?>>(thumbsDown.GetRawText())!;
        data["comment"] = "<b>steps were long</b>";
        click.Value = JsonSerializer.SerializeToElement(data);
        await bot.Flow(adapter).Send(click).AssertReply("Thanks for your feedback!").StartTestAsync(Token);

        // A second solved problem within the period: no survey.
        await SolveAsync(bot, adapter, "teams is not loading", expectSurvey: false);

        var events = await WaitAsync(bot, e => e.Count == 2 && e[0].Feedback is not null);
        Assert.Equal(FeedbackRating.Down, events[0].Feedback);
        Assert.Equal("<b>steps were long</b>", events[0].FeedbackComment);
        Assert.True(events[0].Surveyed);
        Assert.False(events[1].Surveyed);
    }

    [Fact]
    public async Task Feedback_for_another_users_event_is_ignored()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        await SolveAsync(bot, adapter, "outlook wont sync", expectSurvey: true);
        var eventId = Assert.Single(await bot.WaitForEventsAsync(1)).Id;

        var intruder = new TestAdapter("msteams", userId: "someone-else");
        var click = intruder.MakeActivity();
        click.Text = null;
        click.Value = JsonSerializer.SerializeToElement(new { verb = "feedback", eventId, rating = "up" });
        await bot.Flow(intruder).Send(click).AssertReply("Thanks for your feedback!").StartTestAsync(Token);
        await Task.Delay(300, Token);

        Assert.Null(Assert.Single(await bot.WaitForEventsAsync(1)).Feedback);
    }

    [Fact]
    public async Task No_survey_in_a_group_chat()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var group = new ConversationAccount { Id = "19:group@thread.v2", ConversationType = "groupChat", IsGroup = true };
        var mention = new Entity { Type = "mention", Text = "<at>IT Bot</at>", Mentioned = new ChannelAccount { Id = "bot", Name = "IT Bot" } };
        var problem = adapter.MakeActivity("<at>IT Bot</at> outlook wont sync");
        problem.Conversation = group;
        problem.Entities = [mention];
        var fixedAnswer = adapter.MakeActivity();
        fixedAnswer.Text = null;
        fixedAnswer.Conversation = group;
        fixedAnswer.Value = JsonSerializer.SerializeToElement(new { answer = "Yes, it's fixed" });

        await bot.Flow(adapter)
            .Send(problem)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send(fixedAnswer)
            .AssertReply(a => Assert.Contains("glad", a.Text))
            .AssertNoReply()
            .StartTestAsync(Token);

        var outcome = Assert.Single(await bot.WaitForEventsAsync(1));
        Assert.Equal(ProblemOutcome.Solved, outcome.Outcome);
        Assert.False(outcome.Surveyed);
    }

    private static Task AbandonAsync(SupportBot bot, string problem) =>
        bot.Flow()
            .Send(problem)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("cancel")
            .AssertReply(_ => { })
            .StartTestAsync(Token);

    private static Task SolveAsync(SupportBot bot, TestAdapter adapter, string problem, bool expectSurvey)
    {
        var flow = bot.Flow(adapter)
            .Send(problem)
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("yes, it's fixed")
            .AssertReply(a => Assert.Contains("glad", a.Text));
        flow = expectSurvey
            ? flow.AssertReply(a => Assert.Contains("Did I help?", SupportBot.CardJson(a).GetRawText()))
            : flow.AssertNoReply();
        return flow.StartTestAsync(Token);
    }

    private static async Task<IReadOnlyList<OutcomeEvent>> WaitAsync(SupportBot bot, Func<IReadOnlyList<OutcomeEvent>, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var events = await bot.Events.QueryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Token);
            if (done(events))
            {
                return events;
            }

            await Task.Delay(25, Token);
        }

        return await bot.Events.QueryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Token);
    }
}
