namespace TeamsItBot.Storage;

/// <summary>The outbox in the embedded SQLite file: one writer at a time, so a conditional UPDATE is the lease.</summary>
public sealed class SqliteTicketOutboxStore(SqliteDatabase database) : RelationalTicketOutboxStore(database)
{
    protected override string ClaimLockClause => string.Empty;
}
