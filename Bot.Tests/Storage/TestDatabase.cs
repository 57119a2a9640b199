using TeamsItBot.Framework.State;
using TeamsItBot.Storage;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Storage;

/// <summary>
/// One real database for one test; every <see cref="Open"/> is a new <see cref="StorageDatabase"/>
/// instance over it, as a second replica or a restarted process would have.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    private readonly List<StorageDatabase> _opened = [];

    public abstract string Name { get; }

    /// <param name="extraMigrations">Schema steps of other components (the outbox) on top of the core ones.</param>
    public StorageDatabase Open(params StorageMigration[] extraMigrations)
    {
        var database = Create([.. CoreStorageMigrations.All, .. extraMigrations]);
        lock (_opened)
        {
            _opened.Add(database);
        }

        return database;
    }

    public abstract IStorage CreateStorage(StorageDatabase database, TimeProvider? timeProvider = null);

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract StorageDatabase Create(IEnumerable<StorageMigration> migrations);
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-sqlite-" + Guid.NewGuid().ToString("N")[..8]);

    public string FilePath => Path.Combine(_directory, "bot.db");

    public override string Name => "Sqlite";

    public override IStorage CreateStorage(StorageDatabase database, TimeProvider? timeProvider = null) =>
        new SqliteStorage((SqliteDatabase)database, timeProvider);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    protected override StorageDatabase Create(IEnumerable<StorageMigration> migrations) => new SqliteDatabase($"Data Source={FilePath}", migrations);
}

public sealed class PostgresTestDatabase(string connectionString) : TestDatabase
{
    public override string Name => "Postgres";

    public static async Task<PostgresTestDatabase> CreateAsync(PostgresServer server, string prefix) =>
        new(await server.CreateDatabaseAsync(prefix));

    public override IStorage CreateStorage(StorageDatabase database, TimeProvider? timeProvider = null) =>
        new PostgresStorage((PostgresDatabase)database, timeProvider);

    protected override StorageDatabase Create(IEnumerable<StorageMigration> migrations) => new PostgresDatabase(connectionString, migrations);
}
