using TeamsItBot.Framework.Cards;

namespace TeamsItBot.Support.Cards;

/// <summary>"Which one fits best?" with one button per guide: each answers as if its title were typed.</summary>
public static class ChoiceCards
{
    public static AdaptiveCard WhichOne(string question, IReadOnlyList<string> options, bool inGroup) => new()
    {
        Body = [new TextBlock(question) { Weight = "Bolder" }],
        Actions = [.. options.Select(o => (CardAction)new ActionSubmit(o, inGroup
            ? new Dictionary<string, object?> { [SupportCards.AnswerKey] = o }
            : new Dictionary<string, object?> { ["msteams"] = new Dictionary<string, object?> { ["type"] = "imBack", ["value"] = o } }))],
        FallbackText = $"{question} {string.Join(" / ", options)}",
    };
}
