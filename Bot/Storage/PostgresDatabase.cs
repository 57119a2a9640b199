using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace TeamsItBot.Storage;

/// <summary>
/// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Migration holds a transaction-level
/// advisory lock, so replicas starting at once apply each step once and the others wait.
/// </summary>
public sealed class PostgresDatabase : StorageDatabase
{
    /// <summary>Advisory lock key of schema migration ("TeamsIt" in ASCII).</summary>
    public const long MigrationLockKey = 0x5465616D734974;

    public PostgresDatabase(string connectionString, IEnumerable<StorageMigration> migrations, ILogger<PostgresDatabase>? logger = null)
        : base(migrations, logger ?? NullLogger<PostgresDatabase>.Instance)
    {
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    /// <summary>The pooled data source, for Npgsql-specific work (COPY, LISTEN/NOTIFY).</summary>
    public NpgsqlDataSource DataSource { get; }

    protected override async ValueTask<DbConnection> OpenRawConnectionAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    protected override DbConnection OpenRawConnection() => DataSource.OpenConnection();

    protected override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand("SELECT pg_advisory_xact_lock(@key)", transaction, ("@key", MigrationLockKey));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    protected override ValueTask DisposeCoreAsync() => DataSource.DisposeAsync();
}
