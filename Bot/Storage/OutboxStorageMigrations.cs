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
}
