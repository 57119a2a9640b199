namespace TeamsItBot.Insights;

/// <summary>
/// One problem's outcome: who (a keyed hash, never the id), where, which guide with which score,
/// how it ended and how long it took. No message text, except <see cref="UnmatchedText"/> for a
/// problem no guide matched (truncated, and erased after the retention period) so admins can add guides.
/// </summary>
public sealed record OutcomeEvent
{
    public required string Id { get; init; }
    public required DateTimeOffset Time { get; init; }
    public string? TenantId { get; init; }
    public required string UserHash { get; init; }

    /// <summary>Primary language subtag ("en", "de"), or null when unknown.</summary>
    public string? Language { get; init; }

    /// <summary>The guide (topic id) or intent; null when nothing matched.</summary>
    public string? Topic { get; init; }

    public double? Score { get; init; }
    public required ProblemOutcome Outcome { get; init; }

    /// <summary>From the problem's first message to this outcome.</summary>
    public TimeSpan? Duration { get; init; }

    public string? UnmatchedText { get; init; }

    /// <summary>A "Did I help?" card was shown for this outcome.</summary>
    public bool Surveyed { get; init; }

    public FeedbackRating? Feedback { get; init; }
    public string? FeedbackComment { get; init; }

    /// <summary>The answer to the satisfaction card after a resolved ticket: 1 (poor) to 5 (great).</summary>
    public int? Satisfaction { get; init; }
}

public enum FeedbackRating
{
    Down = -1,
    Up = 1,
}
