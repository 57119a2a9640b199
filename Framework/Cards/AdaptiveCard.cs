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

    /// <summary>Shown by clients that cannot render the card.</summary>
    public string? FallbackText { get; init; }

    public Attachment ToAttachment() => new() { ContentType = ContentType, Content = this };
}
