namespace TeamsItBot.Tests.Storage;

/// <summary>A fresh database of the subclass's provider per test, disposed afterwards.</summary>
public abstract class DatabaseTestBase : IAsyncLifetime
{
    private TestDatabase? _database;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();
}
