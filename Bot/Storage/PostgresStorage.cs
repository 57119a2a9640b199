namespace TeamsItBot.Storage;

/// <summary>Conversation and user state in PostgreSQL, shared by every replica.</summary>
public sealed class PostgresStorage(PostgresDatabase database, TimeProvider? timeProvider = null)
    : RelationalStorage(database, timeProvider ?? TimeProvider.System);
