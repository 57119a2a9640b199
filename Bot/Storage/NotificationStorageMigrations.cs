namespace TeamsItBot.Storage;

/// <summary>
/// The tables of the change notifications (times are Unix milliseconds, as in the outbox): tracked
/// tickets, the notice outbox and the poller's lease with its watermark. One spelling serves both
/// dialects.
/// </summary>
public static class NotificationStorageMigrations
{
    public const string Component = "notifications";

    /// <summary>The WHERE of the retention index; the sweep repeats it word for word so SQLite uses the index.</summary>
    public const string RetiredCondition = "(done = 1 OR notifying = 0)";

    private const string V1Sql = """
        CREATE TABLE tracked_ticket (
            ticket_key TEXT NOT NULL PRIMARY KEY,
            owner_object_id TEXT NOT NULL,
            notify_target TEXT NOT NULL,
            conversation_key TEXT NOT NULL,
            notifying integer NOT NULL,
            status TEXT NOT NULL,
            assignee TEXT NULL,
            last_comment_id bigint NOT NULL,
            jira_updated bigint NULL,
            done integer NOT NULL,
            tracked_at bigint NOT NULL,
            changed_at bigint NOT NULL);
        CREATE INDEX tracked_ticket_conversation ON tracked_ticket (conversation_key);
        CREATE INDEX tracked_ticket_retired ON tracked_ticket (changed_at) WHERE (done = 1 OR notifying = 0);
        CREATE TABLE ticket_change_notice (
            notice_id TEXT NOT NULL PRIMARY KEY,
            ticket_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            from_value TEXT NULL,
            to_value TEXT NOT NULL,
            author TEXT NULL,
            summary TEXT NULL,
            browse_url TEXT NULL,
            current_status TEXT NULL,
            state TEXT NOT NULL,
            attempts integer NOT NULL,
            next_attempt_at bigint NOT NULL,
            lease_owner TEXT NULL,
            lease_until bigint NULL,
            last_error TEXT NULL,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL);
        CREATE INDEX ticket_change_notice_due ON ticket_change_notice (next_attempt_at) WHERE state = 'pending';
        CREATE INDEX ticket_change_notice_settled ON ticket_change_notice (updated_at) WHERE state <> 'pending';
        CREATE TABLE ticket_poller (
            name TEXT NOT NULL PRIMARY KEY,
            holder TEXT NULL,
            lease_until bigint NULL,
            watermark bigint NULL);
        """;

    public static StorageMigration V1 { get; } = new(Component, 1, SqliteSql: V1Sql, PostgresSql: V1Sql);

    public static IReadOnlyList<StorageMigration> All { get; } = [V1];
}
