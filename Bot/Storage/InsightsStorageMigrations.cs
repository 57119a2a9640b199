namespace TeamsItBot.Storage;

/// <summary>The table of Insights' outcome events (times are Unix milliseconds, as elsewhere).</summary>
public static class InsightsStorageMigrations
{
    public const string Component = "insights";

    private const string Table = """
        CREATE TABLE outcome_events (
            id {0} NOT NULL PRIMARY KEY,
            time bigint NOT NULL,
            tenant_id {0} NULL,
            user_hash {0} NOT NULL,
            language {0} NULL,
            topic {0} NULL,
            score {1} NULL,
            outcome {0} NOT NULL,
            duration_ms bigint NULL,
            unmatched_text {0} NULL,
            surveyed integer NOT NULL,
            feedback integer NULL,
            feedback_comment {0} NULL);
        CREATE INDEX outcome_events_time ON outcome_events (time);
        CREATE INDEX outcome_events_surveyed ON outcome_events (user_hash, time) WHERE surveyed = 1;
        """;

    /// <summary>Every step, in order.</summary>
    public static IReadOnlyList<StorageMigration> All => [V1, V2];

    /// <summary>The answer to the satisfaction card after a resolved ticket (1-5).</summary>
    public static StorageMigration V2 { get; } = new(Component, 2,
        SqliteSql: "ALTER TABLE outcome_events ADD COLUMN satisfaction integer NULL;",
        PostgresSql: "ALTER TABLE outcome_events ADD COLUMN satisfaction integer NULL;");

    public static StorageMigration V1 { get; } = new(Component, 1,
        SqliteSql: Table.Replace("{0}", "TEXT", StringComparison.Ordinal).Replace("{1}", "REAL", StringComparison.Ordinal),
        PostgresSql: Table.Replace("{0}", "text", StringComparison.Ordinal).Replace("{1}", "double precision", StringComparison.Ordinal));
}
