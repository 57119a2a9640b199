namespace TeamsItBot.Tests.Storage;

public sealed class SqliteStorageTests : StorageContractTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}
