using TeamsItBot.Storage;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.Storage;

public sealed class SqliteRetentionTests : RetentionContractTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());

    protected override ITicketOutboxStore CreateOutbox(StorageDatabase database) => new SqliteTicketOutboxStore((SqliteDatabase)database);
}
