using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Storage;

[Collection(PostgresTests.Name)]
public sealed class PostgresDeduplicatorTests(PostgresServer server) : DeduplicatorContractTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server, nameof(PostgresDeduplicatorTests));
}
