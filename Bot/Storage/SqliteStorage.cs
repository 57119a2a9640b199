namespace TeamsItBot.Storage;

/// <summary>Conversation and user state in the embedded SQLite file.</summary>
public sealed class SqliteStorage(SqliteDatabase database, TimeProvider? timeProvider = null)
    : RelationalStorage(database, timeProvider ?? TimeProvider.System);
