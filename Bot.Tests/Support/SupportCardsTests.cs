using System.Text.Json;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Cards;
using TeamsItBot.Support.Conversation;

namespace TeamsItBot.Tests.Support;

/// <summary>The ticket cards as Teams receives them (JSON): short, readable, one result.</summary>
public sealed class SupportCardsTests
{
    private static TicketDraftRecord Draft(int steps = 3) => new()
    {
        DraftId = "d1",
        Problem = "VPN will not connect",
        StepsShown = [.. Enumerable.Range(1, steps).Select(i => $"Step number {i}")],
        ReporterName = "Ann User",
        TicketKey = "ITSUPPORT-9",
        BrowseUrl = "https://acme.atlassian.net/browse/ITSUPPORT-9",
    };

    private static JsonElement Json(TeamsItBot.Framework.Cards.AdaptiveCard card) => JsonSerializer.SerializeToElement(card, BotJson.Options);

    [Theory]
    [InlineData(1, "1 troubleshooting step already tried")]
    [InlineData(6, "6 troubleshooting steps already tried")]
    public void The_confirm_card_counts_the_steps_in_one_line_and_shows_them_on_request(int steps, string line)
    {
        var body = Json(SupportCards.ConfirmTicket(Draft(steps))).GetProperty("body").EnumerateArray().ToList();

        Assert.Contains(body, e => e.TryGetProperty("text", out var t) && t.GetString() == line);
        var toggle = body.Single(e => e.GetProperty("type").GetString() == "ActionSet").GetProperty("actions")[0];
        Assert.Equal("Action.ToggleVisibility", toggle.GetProperty("type").GetString());
        Assert.Equal("Show steps", toggle.GetProperty("title").GetString());
        var target = toggle.GetProperty("targetElements")[0].GetString();
        var hidden = body.Single(e => e.TryGetProperty("id", out var id) && id.GetString() == target);
        Assert.False(hidden.GetProperty("isVisible").GetBoolean());
        Assert.Contains($"{steps}. Step number {steps}", hidden.GetRawText(), StringComparison.Ordinal);
        // Nothing else repeats the steps: only the hidden container has them.
        Assert.Single(body, e => e.GetRawText().Contains("Step number 1", StringComparison.Ordinal));
    }

    [Fact]
    public void The_created_card_is_the_one_result_in_a_good_container_with_readable_text_and_the_link()
    {
        var card = Json(SupportCards.Created(Draft()));

        var banner = card.GetProperty("body")[0];
        Assert.Equal("Container", banner.GetProperty("type").GetString());
        Assert.Equal("good", banner.GetProperty("style").GetString());
        Assert.Equal("Created ticket ITSUPPORT-9", banner.GetProperty("items")[0].GetProperty("text").GetString());
        Assert.DoesNotContain("\"color\"", card.GetRawText(), StringComparison.Ordinal);
        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(2, actions.Count);
        var open = actions[0];
        Assert.Equal("Action.OpenUrl", open.GetProperty("type").GetString());
        Assert.Equal("itbot.myTickets", actions[1].GetProperty("verb").GetString());
        Assert.Equal("https://acme.atlassian.net/browse/ITSUPPORT-9", open.GetProperty("url").GetString());
    }

    [Fact]
    public void Not_created_is_an_attention_container_without_light_text()
    {
        var card = Json(SupportCards.NotCreated(Draft()));

        Assert.Equal("attention", card.GetProperty("body")[0].GetProperty("style").GetString());
        Assert.DoesNotContain("\"color\"", card.GetRawText(), StringComparison.Ordinal);
    }
}
