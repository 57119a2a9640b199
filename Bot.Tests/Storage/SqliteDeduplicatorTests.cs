namespace TeamsItBot.Tests.Storage;

public sealed class SqliteDeduplicatorTests : DeduplicatorContractTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}
