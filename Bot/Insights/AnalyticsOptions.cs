namespace TeamsItBot.Insights;

/// <summary>Section <c>Analytics</c> (environment <c>Analytics__KeepUnmatchedText</c> and so on).</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>Unmatched problems are kept at most this long (characters).</summary>
    public const int MaxTextLength = 200;

    /// <summary>False: record no outcome events at all (no survey either); the dashboard stays empty.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Keep the text of problems no guide matched, so admins can write guides for them. False stores none.</summary>
    public bool KeepUnmatchedText { get; set; } = true;

    /// <summary>Kept text (unmatched problems, feedback comments) is erased after this many days.</summary>
    public int TextRetentionDays { get; set; } = 30;

    /// <summary>Events themselves (no text) are deleted after this many days.</summary>
    public int EventRetentionDays { get; set; } = 365;

    /// <summary>At most one "Did I help?" survey per user in this many days.</summary>
    public int SurveyPeriodDays { get; set; } = 30;

    /// <summary>
    /// A problem left open this long without an answer (steps shown, no reply) is recorded as
    /// abandoned, once, when the conversation next has a turn. Minutes.
    /// </summary>
    public int AbandonAfterMinutes { get; set; } = 30;

    /// <summary>False: never ask for feedback.</summary>
    public bool Surveys { get; set; } = true;

    /// <summary>
    /// The key of the user-id hash (HMAC-SHA256). Set a secret in production so hashes cannot be
    /// matched against known ids; without one a fixed built-in key is used.
    /// </summary>
    public string? UserHashKey { get; set; }

    /// <summary>Events waiting for the writer; beyond this the oldest are dropped (and counted) rather than slowing turns.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
