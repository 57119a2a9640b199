namespace TeamsItBot.Storage;

/// <summary>The table of the ticket outbox (times are Unix milliseconds, as in activity_dedup).</summary>
public static class OutboxStorageMigrations
{
    public const string Component = "outbox";

    private const string Columns = """
            draft_id {0} NOT NULL PRIMARY KEY,
            draft {0} NOT NULL,
            notify_target {0} NULL,
            status {0} NOT NULL,
            attempts integer NOT NULL,
            next_attempt_at bigint NOT NULL,
            lease_owner {0} NULL,
            lease_until bigint NULL,
            ticket_key {0} NULL,
            browse_url {0} NULL,
            last_error {0} NULL,
            last_failure {0} NULL,
            notify_pending integer NOT NULL,
            created_at bigint NOT NULL,
            armed_at bigint NOT NULL,
            updated_at bigint NOT NULL
        """;

    public static StorageMigration V1 { get; } = new(Component, 1,
        SqliteSql: $"CREATE TABLE ticket_outbox ({Columns.Replace("{0}", "TEXT", StringComparison.Ordinal)});\n" +
            "CREATE INDEX ticket_outbox_due ON ticket_outbox (next_attempt_at) WHERE status IN ('pending', 'sending') OR notify_pending = 1;",
        PostgresSql: $"CREATE TABLE ticket_outbox ({Columns.Replace("{0}", "text", StringComparison.Ordinal)});\n" +
            "CREATE INDEX ticket_outbox_due ON ticket_outbox (next_attempt_at) WHERE status IN ('pending', 'sending') OR notify_pending = 1;");

    /// <summary>
    /// Finds settled rows by age for the retention sweep. Partial: only settled rows are in it, and a
    /// row enters it once, when it settles, so the turn that files a ticket pays one index insert.
    /// </summary>
    public static StorageMigration V2 { get; } = new(Component, 2,
        SqliteSql: SettledIndex,
        PostgresSql: SettledIndex);

    public static IReadOnlyList<StorageMigration> All { get; } = [V1, V2];

    /// <summary>The WHERE of the partial index; a query must repeat it word for word for SQLite to use the index.</summary>
    public const string SettledCondition = "status IN ('created', 'given_up')";

    private const string SettledIndex = "CREATE INDEX ticket_outbox_settled ON ticket_outbox (updated_at) WHERE " + SettledCondition + ";";
}
