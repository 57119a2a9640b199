using TeamsItBot.Storage;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.Storage;

[Collection(PostgresTests.Name)]
public sealed class PostgresRetentionTests(PostgresServer server) : RetentionContractTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server, "retention");

    protected override ITicketOutboxStore CreateOutbox(StorageDatabase database) => new PostgresTicketOutboxStore((PostgresDatabase)database);
}
