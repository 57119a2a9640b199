using System.Diagnostics;
using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.FollowUp;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;
using static TeamsItBot.Tests.Support.FollowUp.FollowUpBotHost;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>"Show more" on the My tickets card: the button, its click (in place), its Submit fallback, a typed "more", hostile page numbers.</summary>
public sealed class MyTicketsPagingConversationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Files <paramref name="count"/> tickets of <paramref name="owner"/> (every fourth done); their keys in the list's order.</summary>
    private static List<string> File(FollowUpBotHost host, string owner, int count)
    {
        var open = new List<string>();
        var done = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var key = host.Jira.AddIssue($"Problem {i}", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(owner));
            if (i % 4 == 1) host.Jira.SetStatus(key, "Done");
            (i % 4 == 1 ? done : open).Add(key);
        }

        open.Reverse();
        done.Reverse();
        return [.. open, .. done];
    }

    private static string Heading(JsonElement card) => card.GetProperty("body")[0].GetProperty("text").GetString()!;

    /// <summary>The keys on the card, in order (each ticket's first text run).</summary>
    private static List<string> Keys(JsonElement card) =>
        [.. card.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Container")
            .Select(c => c.GetProperty("items")[0].GetProperty("inlines")[0].GetProperty("text").GetString()!)];

    private static JsonElement? Button(JsonElement card, string title) =>
        card.TryGetProperty("actions", out var actions)
            ? actions.EnumerateArray().Where(a => a.GetProperty("title").GetString() == title).Select(a => (JsonElement?)a).FirstOrDefault()
            : null;

    private static JsonElement ButtonData(JsonElement card, string title)
    {
        var button = Button(card, title) ?? throw new Xunit.Sdk.XunitException($"no \"{title}\" button on the card: {card.GetRawText()}");
        Assert.Equal("Action.Execute", button.GetProperty("type").GetString());
        Assert.Equal(FollowUpCards.TicketPageVerb, button.GetProperty("verb").GetString());
        var fallback = button.GetProperty("fallback");
        Assert.Equal("Action.Submit", fallback.GetProperty("type").GetString());
        Assert.Equal(FollowUpCards.TicketPageVerb, fallback.GetProperty("data").GetProperty("verb").GetString());
        return button.GetProperty("data");
    }

    /// <summary>The card an invoke was answered with (it replaces the clicked one).</summary>
    private static JsonElement InvokeCard(TestAdapter chat)
    {
        var response = Assert.IsType<AdaptiveCardInvokeResponse>(chat.LastInvokeResponse?.Body);
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, response.Type);
        return JsonSerializer.SerializeToElement(Assert.IsType<AdaptiveCard>(response.Value), BotJson.Options);
    }

    private static async Task<JsonElement> FirstPageAsync(FollowUpBotHost host, TestAdapter chat, string text = "my tickets") =>
        SupportBot.CardJson(Assert.Single(await host.SayAsync(chat, text)));

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public async Task Show_more_is_offered_only_when_there_are_more_tickets(int count, bool more)
    {
        await using var host = await StartAsync();
        var keys = File(host, Ann, count);
        var chat = Chat(Ann);

        var card = await FirstPageAsync(host, chat);

        Assert.Equal(keys[..10], Keys(card));
        Assert.Equal(more, Button(card, "Show more") is not null);
        Assert.Null(Button(card, "Newest tickets"));
        Assert.Equal(more ? "Your tickets 1–10" : "Your tickets", Heading(card));
        Assert.DoesNotContain("older ones are in Jira", card.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_more_replaces_the_card_with_the_next_page_until_the_last_and_newest_goes_back()
    {
        await using var host = await StartAsync();
        var keys = File(host, Ann, 23);
        var bobs = File(host, Bob, 5);
        var chat = Chat(Ann);
        var first = await FirstPageAsync(host, chat);

        var replies = await host.SendAsync(chat, Execute(chat, FollowUpCards.TicketPageVerb, ButtonData(first, "Show more")));
        var second = InvokeCard(chat);
        await host.SendAsync(chat, Execute(chat, FollowUpCards.TicketPageVerb, ButtonData(second, "Show more")));
        var third = InvokeCard(chat);
        await host.SendAsync(chat, Execute(chat, FollowUpCards.TicketPageVerb, ButtonData(third, "Newest tickets")));
        var newest = InvokeCard(chat);

        Assert.Empty(replies);
        Assert.Equal("Your tickets 11–20", Heading(second));
        Assert.Equal(keys[10..20], Keys(second));
        Assert.NotNull(Button(second, "Newest tickets"));
        Assert.Equal("Your tickets 21–23", Heading(third));
        Assert.Equal(keys[20..], Keys(third));
        Assert.Null(Button(third, "Show more"));
        Assert.Equal("Your tickets 1–10", Heading(newest));
        Assert.Equal(keys[..10], Keys(newest));
        Assert.Null(Button(newest, "Newest tickets"));
        Assert.DoesNotContain(bobs, k => new[] { first, second, third }.Any(c => c.GetRawText().Contains(k, StringComparison.Ordinal)));
        Assert.Contains($"\"verb\":\"{FollowUpCards.DetailsVerb}\"", second.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deepest_page_says_older_tickets_are_in_jira_instead_of_show_more()
    {
        await using var host = await StartAsync();
        var keys = new List<string>();
        for (var i = 0; i < TicketCursor.MaxStart + 15; i++) keys.Add(host.Jira.AddIssue($"Problem {i}", TicketOwnership.TrackedLabel, TicketOwnership.UserLabel(Ann)));
        keys.Reverse();
        var chat = Chat(Ann);
        var deepest = new Dictionary<string, int> { [FollowUpCards.FromOpenKey] = TicketCursor.MaxStart - 10, [FollowUpCards.FromDoneKey] = 0 };

        await host.SendAsync(chat, Execute(chat, FollowUpCards.TicketPageVerb, deepest));
        var before = InvokeCard(chat);
        await host.SendAsync(chat, Execute(chat, FollowUpCards.TicketPageVerb, ButtonData(before, "Show more")));
        var last = InvokeCard(chat);

        Assert.Equal("Your tickets 201–210", Heading(last));
        Assert.Equal(keys[200..210], Keys(last));
        Assert.Null(Button(last, "Show more"));
        Assert.NotNull(Button(last, "Newest tickets"));
        Assert.Contains("Older tickets are in Jira.", last.GetRawText(), StringComparison.Ordinal);
        Assert.All(host.Jira.ToolCalls.Where(c => c.ToolName == "jira_search"), c => Assert.InRange(c.Arguments["limit"].GetInt32(), 1, 50));
    }

    public static TheoryData<string> HostilePages() =>
    [
        """{"fromOpen":-10,"fromDone":0}""",
        """{"fromOpen":10,"fromDone":-1}""",
        """{"fromOpen":"10","fromDone":"0"}""",
        """{"fromOpen":10.5,"fromDone":0}""",
        """{"fromOpen":1e12,"fromDone":0}""",
        """{"fromOpen":99999999999999999999999,"fromDone":0}""",
        """{"fromOpen":201,"fromDone":0}""",
        """{"fromOpen":150,"fromDone":150}""",
        """{"fromOpen":null,"fromDone":[1]}""",
        """{"fromOpen":10}""",
        """{}""",
    ];

    [Theory]
    [MemberData(nameof(HostilePages))]
    public async Task A_click_with_a_hostile_page_number_gets_the_first_page(string data)
    {
        await using var host = await StartAsync();
        var keys = File(host, Ann, 12);
        File(host, Bob, 3);
        var chat = Chat(Ann);

        var replies = await host.SendAsync(chat, Execute(chat, FollowUpCards.TicketPageVerb, JsonDocument.Parse(data).RootElement));

        Assert.Empty(replies);
        Assert.Equal(200, chat.LastInvokeResponse?.Status);
        var card = InvokeCard(chat);
        Assert.Equal("Your tickets 1–10", Heading(card));
        Assert.Equal(keys[..10], Keys(card));
    }

    [Fact]
    public async Task The_submit_fallback_of_show_more_sends_the_next_page_as_a_new_card()
    {
        await using var host = await StartAsync();
        var keys = File(host, Ann, 14);
        var chat = Chat(Ann);
        var first = await FirstPageAsync(host, chat);
        var submit = chat.MakeActivity();
        submit.Text = null;
        var fallback = Button(first, "Show more")!.Value.GetProperty("fallback").GetProperty("data");
        submit.Value = fallback;

        var replies = await host.SendAsync(chat, submit);

        var card = SupportBot.CardJson(Assert.Single(replies));
        Assert.Equal("Your tickets 11–14", Heading(card));
        Assert.Equal(keys[10..], Keys(card));
    }

    [Theory]
    [InlineData("more")]
    [InlineData("Show more")]
    [InlineData("next page please")]
    [InlineData("mehr anzeigen")]
    [InlineData("weiter")]
    [InlineData("voir plus")]
    [InlineData("suivant")]
    [InlineData("más")]
    [InlineData("siguiente")]
    public async Task Typed_more_right_after_the_list_shows_the_next_page(string phrasing)
    {
        await using var host = await StartAsync();
        var keys = File(host, Ann, 13);
        var chat = Chat(Ann);
        await FirstPageAsync(host, chat);

        var replies = await host.SayAsync(chat, phrasing);

        var card = SupportBot.CardJson(Assert.Single(replies));
        Assert.Equal(keys[10..], Keys(card));
    }

    [Theory]
    [InlineData(13, "VPN keeps dropping")]
    [InlineData(8, null)]
    public async Task More_is_left_alone_unless_it_follows_a_list_with_more(int count, string? between)
    {
        await using var host = await StartAsync();
        File(host, Ann, count);
        var chat = Chat(Ann);
        await FirstPageAsync(host, chat);
        if (between is not null) await host.SayAsync(chat, between);
        var searches = host.Jira.ToolCallCount("jira_search");

        var replies = await host.SayAsync(chat, "more");

        Assert.DoesNotContain(replies, r => r.Attachments is { Count: > 0 } && SupportBot.CardJson(r).GetRawText().Contains("Your tickets", StringComparison.Ordinal));
        Assert.Equal(searches, host.Jira.ToolCallCount("jira_search"));
    }

    [Fact]
    public async Task Show_more_with_jira_too_slow_answers_the_click_in_time_with_a_clear_message()
    {
        await using var host = await StartAsync();
        File(host, Ann, 12);
        var chat = Chat(Ann);
        var first = await FirstPageAsync(host, chat);
        host.Jira.ToolCallDelay = TimeSpan.FromSeconds(8);

        var clock = Stopwatch.StartNew();
        var replies = await host.SendAsync(chat, Execute(chat, FollowUpCards.TicketPageVerb, ButtonData(first, "Show more")));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Empty(replies);
        var response = Assert.IsType<AdaptiveCardInvokeResponse>(chat.LastInvokeResponse?.Body);
        Assert.Equal((AdaptiveCardInvokeResponse.MessageType, FollowUpReplies.Failed(new TicketException(TicketFailure.Timeout, "x"))), (response.Type, response.Value));
    }

    [Theory]
    [InlineData("de-DE", "meine Tickets", "Ihre Tickets 11–12", "Mehr anzeigen", "Neueste Tickets")]
    [InlineData("fr-FR", "mes tickets", "Vos tickets 11 à 12", "Afficher plus", "Tickets les plus récents")]
    [InlineData("es-ES", "mis tickets", "Sus tickets 11–12", "Mostrar más", "Tickets más recientes")]
    public async Task The_paged_card_reads_in_the_users_language(string locale, string ask, string heading, string showMore, string newest)
    {
        await using var host = await StartAsync();
        File(host, Ann, 12);
        var chat = Chat(Ann);
        chat.Locale = locale;
        var first = await FirstPageAsync(host, chat, ask);

        await host.SendAsync(chat, Execute(chat, FollowUpCards.TicketPageVerb, Button(first, showMore)!.Value.GetProperty("data")));
        var second = InvokeCard(chat);

        Assert.Equal(heading, Heading(second));
        Assert.NotNull(Button(second, newest));
        Assert.DoesNotContain("Your tickets", second.GetRawText(), StringComparison.Ordinal);
    }
}
