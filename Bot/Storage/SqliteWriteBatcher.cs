using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace TeamsItBot.Storage;

/// <summary>
/// Group commit for one SQLite file: this process's writes queue here and one long-lived
/// connection runs whatever has queued in a single IMMEDIATE transaction, each write inside its
/// own savepoint. SQLite admits one writer at a time and a commit costs the same whether it
/// carries one statement or fifty (a WAL frame per page it touched, the file locks, the
/// checkpoint work), so under load a batch of turns shares one commit instead of queueing for
/// one each. A write that throws rolls back to its savepoint and fails alone; a write's task
/// completes only after the commit that holds it, so callers keep one-transaction-per-call
/// semantics.
/// </summary>
public sealed partial class SqliteWriteBatcher : IAsyncDisposable
{
    /// <summary>Bounds one transaction, so a burst cannot hold the write lock for long.</summary>
    public const int MaxBatch = 64;

    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly ILogger _logger;
    private readonly Channel<WriteJob> _queue = Channel.CreateUnbounded<WriteJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _disposed;
    private SqliteConnection? _connection;
    private volatile bool _restartRequested;

    public SqliteWriteBatcher(Func<CancellationToken, ValueTask<DbConnection>> open, ILogger logger)
    {
        _open = open;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Number of commits so far; with <see cref="WritesCommitted"/>, shows how much batching happened.</summary>
    public long Commits { get; private set; }

    public long WritesCommitted { get; private set; }

    /// <summary>Number of times the WAL was restarted between batches.</summary>
    public long Restarts { get; private set; }

    /// <summary>
    /// Asks for a RESTART checkpoint before the next batch (no transaction may be open for it):
    /// later commits then overwrite the WAL from its start, so the file stops growing. Not
    /// TRUNCATE: cutting the file and growing it again costs file-system journal work that
    /// showed up as write stalls.
    /// </summary>
    public void RequestRestart() => _restartRequested = true;

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var job = new WriteJob<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(job), this);

        return job.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteJob>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var job))
            {
                if (!job.CancelIfRequested())
                {
                    batch.Add(job);
                }
            }

            if (batch.Count > 0)
            {
                try
                {
                    await RunBatchAsync(batch);
                }
                catch (Exception ex)
                {
                    // Only a defect gets here; the loop must outlive it, or every later write would wait forever.
                    LogLoopFault(_logger, ex);
                    foreach (var job in batch)
                    {
                        job.Publish(committed: ex);
                    }

                    _connection = null;
                }
            }
        }

        // Writes that arrive after shutdown began are refused by TryWrite; nothing is left queued.
    }

    private async Task RunBatchAsync(List<WriteJob> batch)
    {
        try
        {
            _connection ??= (SqliteConnection)await _open(_stopping.Token);
            if (_restartRequested)
            {
                _restartRequested = false;
                await RestartWalAsync(_connection);
            }

            await using var transaction = _connection.BeginTransaction(deferred: false);
            foreach (var job in batch)
            {
                transaction.Save("w");
                try
                {
                    await job.RunAsync(_connection, transaction);
                    transaction.Release("w");
                }
                catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_IOERR })
                {
                    transaction.Rollback("w");
                    transaction.Release("w");
                    job.SetFailed(ex);
                }
            }

            await transaction.CommitAsync();
            Commits++;
            WritesCommitted += batch.Count(j => !j.Failed);
            foreach (var job in batch)
            {
                job.Publish(committed: null);
            }
        }
        catch (Exception ex)
        {
            // The transaction is gone (disk full, I/O error, a lock held past the busy timeout by
            // another process): nothing of this batch was committed, so every write fails.
            LogBatchFailed(_logger, ex, batch.Count);
            foreach (var job in batch)
            {
                job.Publish(committed: ex);
            }

            await ResetConnectionAsync();
        }
    }

    private async Task RestartWalAsync(SqliteConnection connection)
    {
        // Waits (busy timeout) for readers still on WAL pages; new ones read the database file.
        // A failure costs only WAL size, never the writes: the checkpointer asks again.
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync() && reader.GetInt64(0) == 0)
            {
                Restarts++;
            }
        }
        catch (SqliteException ex)
        {
            LogRestartFailed(_logger, ex);
        }
    }

    private async Task ResetConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not restart the SQLite WAL; it is tried again when the WAL is next found large")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The SQLite writer hit an unexpected error; its batch failed and it goes on")]
    private static partial void LogLoopFault(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A SQLite write batch of {Count} writes failed and was rolled back")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private abstract class WriteJob
    {
        public bool Failed { get; protected set; }

        public abstract bool CancelIfRequested();

        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);

        public abstract void SetFailed(Exception exception);

        /// <summary>Completes the caller's task once the batch is settled; <paramref name="committed"/> is the commit's failure, if any.</summary>
        public abstract void Publish(Exception? committed);
    }

    private sealed class WriteJob<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : WriteJob
    {
        // Continuations must not run on the writer: the caller's whole turn would then hold up the next batch.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _completion.Task;

        public override bool CancelIfRequested() =>
            cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override async Task RunAsync(DbConnection connection, DbTransaction transaction) =>
            _result = await work(connection, transaction, cancellationToken);

        public override void SetFailed(Exception exception)
        {
            Failed = true;
            _failure = exception;
        }

        public override void Publish(Exception? committed)
        {
            if (_failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(cancellationToken);
            }
            else if ((_failure ?? committed) is { } failure)
            {
                _completion.TrySetException(failure);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }
    }
}
