using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace TeamsItBot.Storage;

/// <summary>
/// A relational database the bot's stores share: opens connections (the connection factory the
/// stores and the outbox use) and brings the schema up to date once per process, before the first
/// connection is handed out. Migration runs in one transaction under a cross-process lock, so
/// replicas starting together apply each step once.
/// </summary>
public abstract partial class StorageDatabase : IAsyncDisposable
{
    private readonly IReadOnlyList<StorageMigration> _migrations;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;
    private int _disposed;

    protected StorageDatabase(IEnumerable<StorageMigration> migrations, ILogger logger)
    {
        _migrations = [.. migrations.OrderBy(m => m.Component, StringComparer.Ordinal).ThenBy(m => m.Version)];
        var duplicate = _migrations.GroupBy(m => (m.Component, m.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Storage migration {duplicate.Key.Component} v{duplicate.Key.Version} is registered twice.", nameof(migrations));
        }

        _logger = logger;
    }

    public abstract StorageProvider Provider { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it. The work must neither
    /// commit nor roll back; an exception it throws undoes its own changes and reaches the caller.
    /// The returned task completes once the work is durable (committed).
    /// </summary>
    public virtual async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>An open connection, the schema ensured; the caller disposes it.</summary>
    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken);
        }

        return await OpenRawConnectionAsync(cancellationToken);
    }

    /// <summary>Synchronous open, for callers that cannot await (the schema must already be ensured).</summary>
    public DbConnection OpenConnection()
    {
        if (!_schemaReady)
        {
            EnsureSchemaAsync().GetAwaiter().GetResult();
        }

        return OpenRawConnection();
    }

    /// <summary>Applies the migrations not yet recorded in <c>schema_version</c>; harmless to call again.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await MigrateAsync(cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>The applied steps, as recorded: for diagnostics and tests.</summary>
    public async Task<IReadOnlyList<(string Component, int Version)>> GetAppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadAppliedAsync(connection, null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await DisposeCoreAsync();
        _schemaGate.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask<DbConnection> OpenRawConnectionAsync(CancellationToken cancellationToken);

    protected abstract DbConnection OpenRawConnection();

    /// <summary>Begins the migration transaction holding a lock that excludes other migrating processes.</summary>
    protected abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    protected abstract ValueTask DisposeCoreAsync();

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenRawConnectionAsync(cancellationToken);
        await using var transaction = await BeginMigrationAsync(connection, cancellationToken);
        await using (var create = connection.CreateCommand(
            "CREATE TABLE IF NOT EXISTS schema_version (component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version))",
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = (await ReadAppliedAsync(connection, transaction, cancellationToken)).ToHashSet();
        var count = 0;
        foreach (var migration in _migrations.Where(m => !applied.Contains((m.Component, m.Version))))
        {
            await using (var step = connection.CreateCommand(migration.SqlFor(Provider), transaction))
            {
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = connection.CreateCommand(
                "INSERT INTO schema_version (component, version, applied_at) VALUES (@component, @version, @applied_at)", transaction,
                ("@component", migration.Component), ("@version", migration.Version),
                ("@applied_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))))
            {
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            LogMigrationApplied(_logger, Provider, migration.Component, migration.Version);
            count++;
        }

        await transaction.CommitAsync(cancellationToken);
        LogSchemaReady(_logger, Provider, count);
    }

    private static async Task<IReadOnlyList<(string Component, int Version)>> ReadAppliedAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT component, version FROM schema_version ORDER BY component, version", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new List<(string, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add((reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return applied;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage {Provider}: applied schema step {Component} v{Version}")]
    private static partial void LogMigrationApplied(ILogger logger, StorageProvider provider, string component, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage {Provider}: schema ready ({Applied} steps applied now)")]
    private static partial void LogSchemaReady(ILogger logger, StorageProvider provider, int applied);
}
