using System.Text.Json;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Support;

public sealed class CardActionTests
{
    /// <summary>Runs problem -> steps -> not fixed and returns the confirm card activity.</summary>
    private static async Task<Activity> ReachConfirmCardAsync(SupportBot bot, TestAdapter adapter)
    {
        await bot.Flow(adapter)
            .Send("Teams is not working")
            .AssertReply(a => Assert.Contains("Teams", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("didn't help")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .StartTestAsync(TestContext.Current.CancellationToken);
        return adapter.SentActivities.Last(SupportBot.IsConfirmCard);
    }

    private static JsonElement InvokeBody(InvokeResponse? response)
    {
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        return JsonSerializer.SerializeToElement(response.Body, BotJson.Options);
    }

    [Fact]
    public async Task Execute_click_creates_the_ticket_and_answers_with_the_replacement_card()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var card = await ReachConfirmCardAsync(bot, adapter);

        var response = await adapter.ProcessActivityAsync(
            SupportBot.ExecuteInvoke(adapter, "createTicket", SupportBot.DraftIdOf(card), card.Id), bot.Bot.OnTurnAsync, TestContext.Current.CancellationToken);

        var body = InvokeBody(response);
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Contains("Created ticket ITSUPPORT-1", body.GetProperty("value").GetRawText());
        Assert.False(SupportBot.HasPostBackButtons(body.GetProperty("value")));
        Assert.Single(bot.Tickets.Drafts);
        Assert.Contains(adapter.SentActivities, a => a.Type == ActivityTypes.Typing);
        Assert.Contains(adapter.SentActivities, a => a.Text?.StartsWith("Created ticket ITSUPPORT-1", StringComparison.Ordinal) == true);
        Assert.Equal([card.Id, card.Id], adapter.UpdatedActivities.Select(u => u.Id));
        Assert.Contains("Creating ticket...", SupportBot.CardJson(adapter.UpdatedActivities[0]).GetRawText());
    }

    [Fact]
    public async Task Submit_twice_creates_one_ticket()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var card = await ReachConfirmCardAsync(bot, adapter);
        var draftId = SupportBot.DraftIdOf(card);

        await adapter.ProcessActivityAsync(SupportBot.SubmitMessage(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, TestContext.Current.CancellationToken);
        await adapter.ProcessActivityAsync(SupportBot.SubmitMessage(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, TestContext.Current.CancellationToken);

        Assert.Single(bot.Tickets.Drafts);
        Assert.Contains(adapter.SentActivities, a => a.Text?.Contains("already exists: ITSUPPORT-1", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Execute_and_submit_of_one_click_arriving_together_create_one_ticket()
    {
        await using var bot = new SupportBot();
        bot.Tickets.Delay = TimeSpan.FromMilliseconds(200);
        var adapter = new TestAdapter("msteams");
        var card = await ReachConfirmCardAsync(bot, adapter);
        var draftId = SupportBot.DraftIdOf(card);
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(
            adapter.ProcessActivityAsync(SupportBot.ExecuteInvoke(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct),
            adapter.ProcessActivityAsync(SupportBot.SubmitMessage(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct),
            adapter.ProcessActivityAsync(SupportBot.ExecuteInvoke(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct));

        Assert.Single(bot.Tickets.Drafts);
    }

    [Fact]
    public async Task Typed_yes_after_a_click_answers_with_the_existing_ticket()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var card = await ReachConfirmCardAsync(bot, adapter);
        await adapter.ProcessActivityAsync(
            SupportBot.ExecuteInvoke(adapter, "createTicket", SupportBot.DraftIdOf(card), card.Id), bot.Bot.OnTurnAsync, TestContext.Current.CancellationToken);

        await adapter.SendTextToBotAsync("yes", bot.Bot.OnTurnAsync, TestContext.Current.CancellationToken);

        Assert.Contains("already exists: ITSUPPORT-1", adapter.SentActivities[^1].Text);
        Assert.Single(bot.Tickets.Drafts);
    }

    [Fact]
    public async Task Decline_click_replaces_the_card_and_a_later_create_click_files_nothing()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var card = await ReachConfirmCardAsync(bot, adapter);
        var draftId = SupportBot.DraftIdOf(card);
        var ct = TestContext.Current.CancellationToken;

        var declined = InvokeBody(await adapter.ProcessActivityAsync(SupportBot.ExecuteInvoke(adapter, "declineTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct));
        Assert.Contains("No ticket created", declined.GetProperty("value").GetRawText());
        await adapter.ProcessActivityAsync(SupportBot.ExecuteInvoke(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct);

        Assert.Empty(bot.Tickets.Drafts);
        Assert.Contains(adapter.SentActivities, a => a.Text?.Contains("won't create a ticket", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Unknown_draft_gets_a_clear_message_not_an_error()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var response = await adapter.ProcessActivityAsync(
            SupportBot.ExecuteInvoke(adapter, "createTicket", "no-such-draft", "card-1"), bot.Bot.OnTurnAsync, TestContext.Current.CancellationToken);

        var body = InvokeBody(response);
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Empty(bot.Tickets.Drafts);
    }

    [Fact]
    public async Task Unknown_verb_gets_an_error_invoke_response()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var response = await adapter.ProcessActivityAsync(
            SupportBot.ExecuteInvoke(adapter, "launchRockets", "x", "card-1"), bot.Bot.OnTurnAsync, TestContext.Current.CancellationToken);

        var body = InvokeBody(response);
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Backend_down_at_confirmation_queues_the_ticket_and_a_second_click_files_nothing()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var card = await ReachConfirmCardAsync(bot, adapter);
        var draftId = SupportBot.DraftIdOf(card);
        var ct = TestContext.Current.CancellationToken;

        bot.Tickets.FailWith = new TicketException(TicketFailure.BackendUnavailable, "connection refused");
        var queued = InvokeBody(await adapter.ProcessActivityAsync(SupportBot.ExecuteInvoke(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct));
        Assert.Contains("Ticket queued", queued.GetProperty("value").GetRawText());
        Assert.False(queued.GetProperty("value").TryGetProperty("actions", out _));
        Assert.Contains(adapter.SentActivities, a => a.Text?.Contains("I've queued your ticket", StringComparison.Ordinal) == true);
        Assert.Contains("Ticket queued", SupportBot.CardJson(adapter.UpdatedActivities[^1]).GetRawText());

        bot.Tickets.FailWith = null;
        await adapter.ProcessActivityAsync(SupportBot.SubmitMessage(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct);
        await adapter.SendTextToBotAsync("yes", bot.Bot.OnTurnAsync, ct);

        // Not due yet: the worker retries after the backoff, the clicks only report the queue.
        Assert.Empty(bot.Tickets.Drafts);
        Assert.Equal(2, adapter.SentActivities.Count(a => a.Text?.Contains("already queued", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Refused_ticket_is_explained_and_the_same_card_works_once_it_is_fixed()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        var card = await ReachConfirmCardAsync(bot, adapter);
        var draftId = SupportBot.DraftIdOf(card);
        var ct = TestContext.Current.CancellationToken;

        bot.Tickets.FailWith = new TicketException(TicketFailure.AuthenticationFailed, "401");
        var failed = InvokeBody(await adapter.ProcessActivityAsync(SupportBot.ExecuteInvoke(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct));
        Assert.Contains("Create ticket", failed.GetProperty("value").GetRawText());
        Assert.Contains(adapter.SentActivities, a => a.Text?.Contains("refused the bot's sign-in", StringComparison.Ordinal) == true);

        bot.Tickets.FailWith = null;
        var created = InvokeBody(await adapter.ProcessActivityAsync(SupportBot.ExecuteInvoke(adapter, "createTicket", draftId, card.Id), bot.Bot.OnTurnAsync, ct));
        Assert.Contains("Created ticket ITSUPPORT-1", created.GetProperty("value").GetRawText());
        Assert.Single(bot.Tickets.Drafts);
    }
}

public sealed class StoredStateTests
{
    [Fact]
    public async Task An_idle_conversation_after_a_ticket_keeps_under_2_KB_of_state()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        await bot.Flow(adapter)
            .Send("Teams is not working")
            .AssertReply(a => Assert.Contains("Teams", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("still not working")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .Send("yes")
            .StartTestAsync(TestContext.Current.CancellationToken);
        Assert.Single(bot.Tickets.Drafts);
        Assert.NotEmpty(bot.Tickets.Drafts.Single().StepsShown);

        const string Key = "msteams/conversations/conv1";
        var stored = (await bot.Storage.ReadAsync([Key], TestContext.Current.CancellationToken))[Key];
        var bytes = System.Text.Encoding.UTF8.GetByteCount(stored.Document.ToJsonString());

        TestContext.Current.TestOutputHelper?.WriteLine($"stored state: {bytes} bytes");
        Assert.True(bytes <= 2048, $"{bytes} bytes stored: {stored.Document.ToJsonString()}");
        Assert.Contains("ITSUPPORT-1", stored.Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_draft_keeps_its_steps_across_turns_for_the_ticket()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams");
        await bot.Flow(adapter)
            .Send("cant connect to vpn")
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("I need a ticket")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .StartTestAsync(TestContext.Current.CancellationToken);

        await adapter.SendTextToBotAsync("yes", bot.Bot.OnTurnAsync, TestContext.Current.CancellationToken);

        var draft = Assert.Single(bot.Tickets.Drafts);
        Assert.True(draft.StepsShown.Count >= 3, "the steps shown must reach the ticket");
    }
}
