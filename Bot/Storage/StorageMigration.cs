namespace TeamsItBot.Storage;

/// <summary>
/// One schema step of one component ("state", "outbox", ...), in both dialects. Steps of a
/// component run in version order, each once, inside the start-up migration transaction; the
/// applied ones are recorded in <c>schema_version(component, version)</c>. Register more with
/// <see cref="StorageServiceCollectionExtensions.AddStorageMigration"/>.
/// </summary>
public sealed record StorageMigration(string Component, int Version, string SqliteSql, string PostgresSql)
{
    public string SqlFor(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => SqliteSql,
        StorageProvider.Postgres => PostgresSql,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Only relational providers have a schema."),
    };
}

/// <summary>The tables of this folder: conversation/user state and activity de-duplication.</summary>
public static class CoreStorageMigrations
{
    public const string Component = "core";

    public static IReadOnlyList<StorageMigration> All { get; } =
    [
        new(Component, 1,
            SqliteSql: """
                CREATE TABLE bot_state (
                    key TEXT NOT NULL PRIMARY KEY,
                    document TEXT NOT NULL,
                    etag TEXT NOT NULL,
                    updated_at TEXT NOT NULL);
                CREATE TABLE activity_dedup (
                    conversation_id TEXT NOT NULL,
                    activity_id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    claim_token TEXT NOT NULL,
                    invoke_response TEXT NULL,
                    expires_at INTEGER NOT NULL,
                    PRIMARY KEY (conversation_id, activity_id));
                CREATE INDEX activity_dedup_expires_at ON activity_dedup (expires_at);
                """,
            PostgresSql: """
                CREATE TABLE bot_state (
                    key text NOT NULL PRIMARY KEY,
                    document text NOT NULL,
                    etag text NOT NULL,
                    updated_at timestamptz NOT NULL);
                CREATE TABLE activity_dedup (
                    conversation_id text NOT NULL,
                    activity_id text NOT NULL,
                    state text NOT NULL,
                    claim_token text NOT NULL,
                    invoke_response text NULL,
                    expires_at bigint NOT NULL,
                    PRIMARY KEY (conversation_id, activity_id));
                CREATE INDEX activity_dedup_expires_at ON activity_dedup (expires_at);
                """),
    ];
}
