using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Storage;

[Collection(PostgresTests.Name)]
public sealed class PostgresStorageTests(PostgresServer server) : StorageContractTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server, nameof(PostgresStorageTests));
}
