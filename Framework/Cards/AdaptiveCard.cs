using System.Text.Json.Serialization;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Cards;

/// <summary>An Adaptive Card (schema 1.5, what Teams renders for bot-sent cards).</summary>
public sealed record AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("type")]
    public string Type { get; } = "AdaptiveCard";

    [JsonPropertyName("$schema")]
    public string Schema { get; } = "http://adaptivecards.io/schemas/adaptive-card.json";

    public string Version { get; init; } = "1.5";

    public IReadOnlyList<CardElement> Body { get; init; } = [];

    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Universal Actions refresh: Teams asks the bot for this card's view of each listed user.</summary>
    public CardRefresh? Refresh { get; init; }

    /// <summary>Shown by clients that cannot render the card.</summary>
    public string? FallbackText { get; init; }

    public Attachment ToAttachment() => new() { ContentType = ContentType, Content = this };
}

/// <summary>
/// <c>refresh</c>: for the users in <see cref="UserIds"/> (Teams MRIs, at most 60) the client invokes
/// <see cref="Action"/> (an <see cref="ActionExecute"/>, trigger "automatic") and shows the card the bot
/// answers with; everyone else sees the card as sent (a user-specific view).
/// </summary>
public sealed record CardRefresh(CardAction Action, IReadOnlyList<string>? UserIds);
