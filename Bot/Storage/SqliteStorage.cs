namespace TeamsItBot.Storage;

/// <summary>
/// Conversation and user state in the embedded SQLite file. A write moves the row to the end of
/// the table (delete, then insert) instead of updating it in place: a conversation's document
/// grows mid-flow (steps, a draft) and shrinks once it settles, and rows updated in place leave
/// each settled conversation alone on a page that once held its large version (about 4 KB on
/// disk for a 0.5 KB document). Rewritten rows pack together, and emptied pages are reused.
/// </summary>
public sealed class SqliteStorage(SqliteDatabase database, TimeProvider? timeProvider = null)
    : RelationalStorage(database, timeProvider ?? TimeProvider.System)
{
    // changes() is the row count of the DELETE just before: the insert happens only if the ETag held.
    protected override string UpdateSql =>
        "DELETE FROM bot_state WHERE key = @key AND etag = @expected; " +
        "INSERT INTO bot_state (key, document, etag, updated_at) SELECT @key, @document, @etag, @now WHERE changes() = 1";

    protected override string UpsertSql =>
        "DELETE FROM bot_state WHERE key = @key; " +
        "INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, @document, @etag, @now)";
}
