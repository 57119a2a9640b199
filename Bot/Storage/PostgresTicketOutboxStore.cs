namespace TeamsItBot.Storage;

/// <summary>The outbox in PostgreSQL: replicas claim due items with FOR UPDATE SKIP LOCKED, never waiting on each other.</summary>
public sealed class PostgresTicketOutboxStore(PostgresDatabase database) : RelationalTicketOutboxStore(database)
{
    protected override string ClaimLockClause => "FOR UPDATE SKIP LOCKED";
}
