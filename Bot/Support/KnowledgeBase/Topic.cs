using TeamsItBot.Tickets;

namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// One troubleshooting guide. <see cref="Keywords"/> are strong, specific signals (product names);
/// <see cref="Phrases"/> are weaker supporting words and multi-word phrases. <see cref="Steps"/> are
/// shown to the employee in order. <see cref="Ticket"/> holds the issue fields this topic's tickets get
/// over the global Tickets defaults (null: the defaults).
/// </summary>
public sealed record Topic(
    string Id,
    string Title,
    string? Summary,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Phrases,
    IReadOnlyList<string> Steps,
    TicketFields? Ticket = null)
{
    /// <summary>Sentences an admin wrote as employees would; their words support the topic.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>The language the title, summary and steps are in (English when a translation is missing).</summary>
    public string Language { get; init; } = "en";
}
