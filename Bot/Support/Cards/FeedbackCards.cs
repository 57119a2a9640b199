using TeamsItBot.Framework.Cards;

namespace TeamsItBot.Support.Cards;

/// <summary>The "Did I help?" survey after a problem the steps solved, and what replaces it once answered.</summary>
public static class FeedbackCards
{
    public const string Verb = "feedback";
    public const string EventIdKey = "eventId";
    public const string RatingKey = "rating";
    public const string CommentKey = "comment";
    public const string Up = "up";
    public const string Down = "down";

    public static AdaptiveCard Survey(string eventId) => new()
    {
        Body =
        [
            new TextBlock("Did I help?") { Weight = "Bolder" },
            new InputText
            {
                Id = CommentKey,
                Placeholder = "Anything to add? (optional)",
                IsMultiline = true,
                MaxLength = 500,
            },
        ],
        Actions =
        [
            ActionExecute.WithSubmitFallback("👍 Yes", Verb, Data(eventId, Up), style: "positive"),
            ActionExecute.WithSubmitFallback("👎 No", Verb, Data(eventId, Down)),
        ],
        FallbackText = "Did I help?",
    };

    public static AdaptiveCard Thanks() => new()
    {
        Body = [new TextBlock("Thanks for your feedback!") { Weight = "Bolder" }],
        FallbackText = "Thanks for your feedback!",
    };

    private static Dictionary<string, object?> Data(string eventId, string rating) => new() { [EventIdKey] = eventId, [RatingKey] = rating };
}
