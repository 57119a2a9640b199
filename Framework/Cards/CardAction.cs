using System.Text.Json.Serialization;

namespace TeamsItBot.Framework.Cards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionSubmit), "Action.Submit")]
[JsonDerivedType(typeof(ActionExecute), "Action.Execute")]
[JsonDerivedType(typeof(ActionOpenUrl), "Action.OpenUrl")]
[JsonDerivedType(typeof(ActionToggleVisibility), "Action.ToggleVisibility")]
public abstract record CardAction(string Title)
{
    public string? Id { get; init; }
    public string? Style { get; init; }
}

/// <summary>Arrives as a message activity whose <c>value</c> is <see cref="Data"/> merged with the inputs.</summary>
public sealed record ActionSubmit(string Title, IReadOnlyDictionary<string, object?> Data) : CardAction(Title);

/// <summary>
/// Universal Action: arrives as an <c>adaptiveCard/action</c> invoke. Clients without Universal
/// Actions use <see cref="Fallback"/>, which should be an equivalent <see cref="ActionSubmit"/>.
/// </summary>
public sealed record ActionExecute(string Title, string Verb, IReadOnlyDictionary<string, object?> Data) : CardAction(Title)
{
    public CardAction? Fallback { get; init; }

    /// <summary>An Execute whose fallback is a Submit carrying the same data plus the verb.</summary>
    public static ActionExecute WithSubmitFallback(string title, string verb, IReadOnlyDictionary<string, object?> data, string? style = null)
    {
        var submitData = new Dictionary<string, object?>(data) { ["verb"] = verb };
        return new ActionExecute(title, verb, data)
        {
            Style = style,
            Fallback = new ActionSubmit(title, submitData) { Style = style },
        };
    }
}

public sealed record ActionOpenUrl(string Title, Uri Url) : CardAction(Title);

/// <summary>Shows or hides the elements with these ids, in the client: no round trip to the bot.</summary>
public sealed record ActionToggleVisibility(string Title, IReadOnlyList<string> TargetElements) : CardAction(Title);
