using TeamsItBot.Framework.Cards;

namespace TeamsItBot.Support.Cards;

/// <summary>The one-question card after a ticket the bot filed was resolved (1-5), and what replaces it once answered.</summary>
public static class SatisfactionCards
{
    public const string Verb = "itbot.satisfaction";
    public const string EventIdKey = "eventId";
    public const string ScoreKey = "score";

    public static AdaptiveCard Survey(string eventId, string ticketKey) => new()
    {
        Body =
        [
            new TextBlock($"Your ticket {ticketKey} was resolved") { Weight = "Bolder" },
            new TextBlock("How satisfied are you with how it was handled? (1 = not at all, 5 = very)") { Spacing = "Small" },
        ],
        Actions = [.. Enumerable.Range(1, 5).Select(score => (CardAction)ActionExecute.WithSubmitFallback(
            score.ToString(System.Globalization.CultureInfo.InvariantCulture), Verb,
            new Dictionary<string, object?> { [EventIdKey] = eventId, [ScoreKey] = score }))],
        FallbackText = $"Your ticket {ticketKey} was resolved. How satisfied are you, from 1 to 5?",
    };

    public static AdaptiveCard Thanks(int score) => new()
    {
        Body = [new TextBlock($"Thanks for your rating ({score} of 5)!") { Weight = "Bolder" }],
        FallbackText = "Thanks for your rating!",
    };
}
