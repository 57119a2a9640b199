namespace TeamsItBot.Storage;

/// <summary>
/// Configuration section <c>Storage:Retention</c> (environment <c>Storage__Retention__OutboxDays</c>, ...):
/// how long settled rows are kept and how the background sweep deletes them. Days may be fractions
/// (0.5 = 12 hours). De-duplication rows keep their own fixed window and sweep.
/// </summary>
public sealed class StorageRetentionOptions
{
    public const string SectionName = "Storage:Retention";

    /// <summary>Off: nothing is ever deleted (the tables grow without bound).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Outbox rows that are settled (ticket created, or given up) and untouched this long are deleted.</summary>
    public double OutboxDays { get; set; } = 30;

    /// <summary>Conversation and user state not written this long is deleted: the conversation starts afresh.</summary>
    public double ConversationDays { get; set; } = 90;

    /// <summary>Time between sweeps; the first runs one minute after start (or after this, if shorter).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per write (and state keys read per page): a sweep never holds the writer long.</summary>
    public int ChunkSize { get; set; } = 500;

    /// <summary>Pause between two chunks, so turns' writes are not queued behind a long run of deletes.</summary>
    public TimeSpan ChunkPause { get; set; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan OutboxRetention => TimeSpan.FromDays(OutboxDays);

    public TimeSpan ConversationRetention => TimeSpan.FromDays(ConversationDays);
}
