using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TeamsItBot.Storage;

/// <summary>
/// An embedded SQLite file in WAL mode (readers never block the writer). Every connection waits
/// up to <see cref="BusyTimeout"/> for the write lock instead of failing with SQLITE_BUSY;
/// write transactions begin IMMEDIATE, so two writers queue rather than deadlock on lock upgrade.
/// Writes of this process go through one <see cref="SqliteWriteBatcher"/> (group commit), so the
/// busy wait only ever covers another process. Durability follows <see cref="SqliteSynchronous"/>.
/// </summary>
public sealed class SqliteDatabase : StorageDatabase
{
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A WAL that grew past this during a burst is cut back to it once checkpointed.</summary>
    public const long WalSizeLimitBytes = 64L << 20;

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SqliteWriteBatcher _writer;
    private readonly SqliteCheckpointer _checkpointer;

    // Pooled connections keep their native handle, and pragmas hold for the handle's life:
    // set them once per handle, not on every open (two statements on each of a turn's opens).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    public SqliteDatabase(string connectionString, IEnumerable<StorageMigration> migrations, ILogger<SqliteDatabase>? logger = null,
        SqliteSynchronous synchronous = SqliteSynchronous.Normal)
        : base(migrations, logger ?? NullLogger<SqliteDatabase>.Instance)
    {
        if (!Enum.IsDefined(synchronous))
        {
            throw new ArgumentOutOfRangeException(nameof(synchronous), synchronous, "Use Normal or Full.");
        }

        Synchronous = synchronous;
        _connectionPragmas = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()}; PRAGMA journal_size_limit = {WalSizeLimitBytes};";
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        FilePath = Path.GetFullPath(builder.DataSource);
        builder.DataSource = FilePath;
        _connectionString = builder.ConnectionString;
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var log = (ILogger?)logger ?? NullLogger<SqliteDatabase>.Instance;
        _writer = new SqliteWriteBatcher(OpenWriterConnectionAsync, log);
        _checkpointer = new SqliteCheckpointer(OpenConnectionAsync, _writer, log);
    }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public string FilePath { get; }

    public SqliteSynchronous Synchronous { get; }

    /// <summary>The group-commit writer, for diagnostics (commits against writes).</summary>
    public SqliteWriteBatcher Writer => _writer;

    /// <summary>The background WAL checkpointer, for diagnostics.</summary>
    public SqliteCheckpointer Checkpointer => _checkpointer;

    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _writer.WriteAsync(work, cancellationToken);
    }

    private async ValueTask<DbConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken);
        await using var pragma = connection.CreateCommand(SqliteCheckpointer.WriterPragmas, null);
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    protected override async ValueTask<DbConnection> OpenRawConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                await using var pragma = connection.CreateCommand(_connectionPragmas, null);
                await pragma.ExecuteNonQueryAsync(cancellationToken);
                _configured.AddOrUpdate(connection.Handle!, this);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override DbConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                using var pragma = connection.CreateCommand(_connectionPragmas, null);
                pragma.ExecuteNonQuery();
                _configured.AddOrUpdate(connection.Handle!, this);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file; it cannot be switched inside a transaction.
        await using (var wal = connection.CreateCommand("PRAGMA journal_mode = WAL", null))
        {
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        // BEGIN IMMEDIATE: takes the write lock now, so a second process migrating waits here.
        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        await _checkpointer.DisposeAsync();
        await _writer.DisposeAsync();
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

}
