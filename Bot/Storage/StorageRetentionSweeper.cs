using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.State;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Storage;

/// <summary>
/// Deletes settled outbox rows and idle conversation state past their retention
/// (<see cref="StorageRetentionOptions"/>), in the background on its own clock, never on a turn:
/// a chunk per write with a pause between, so turns' writes interleave with a large backlog. Every
/// replica may sweep; the deletes are conditional, so two sweeps of one row delete it once.
/// </summary>
public sealed partial class StorageRetentionSweeper(
    IStorage storage,
    ITicketOutboxStore outbox,
    IOptions<StorageRetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<StorageRetentionSweeper> logger) : BackgroundService
{
    /// <summary>The first sweep waits this long after start (or one interval, if shorter), out of start-up's way.</summary>
    public static readonly TimeSpan FirstSweepDelay = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sweeps finished since start, for diagnostics and tests.</summary>
    public int Sweeps => Volatile.Read(ref _sweeps);

    private int _sweeps;

    /// <summary>One sweep now (the background loop calls it each interval); concurrent calls run one after the other.</summary>
    public async Task<StorageRetentionResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var now = timeProvider.GetUtcNow();
            var chunks = 0;
            var outboxRows = 0;
            int removed;
            do
            {
                removed = await outbox.DeleteSettledAsync(now - settings.OutboxRetention, now, settings.ChunkSize, cancellationToken);
                outboxRows += removed;
                if (removed > 0)
                {
                    chunks++;
                    await PauseAsync(settings, cancellationToken);
                }
            }
            while (removed == settings.ChunkSize);

            var (stateRows, stateChunks) = storage is RelationalStorage relational
                ? await SweepStateAsync(relational, now - settings.ConversationRetention, settings, cancellationToken)
                : (0, 0);
            var result = new StorageRetentionResult(outboxRows, stateRows, chunks + stateChunks);
            Interlocked.Increment(ref _sweeps);
            if (result.Rows > 0)
            {
                var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogSwept(logger, result.OutboxRows, settings.OutboxDays, result.StateRows, settings.ConversationDays, result.Chunks, elapsedMs);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _gate.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        LogStarted(logger, settings.OutboxDays, settings.ConversationDays, settings.SweepInterval, settings.ChunkSize);
        var delay = settings.SweepInterval < FirstSweepDelay ? settings.SweepInterval : FirstSweepDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be away for a while: the next interval tries again.
                LogSweepFailed(logger, ex);
            }

            delay = settings.SweepInterval;
        }
    }

    /// <summary>Reads the state table a page at a time (no write lock) and deletes the idle keys found, a chunk per write.</summary>
    private async Task<(int Rows, int Chunks)> SweepStateAsync(RelationalStorage state, DateTimeOffset writtenBefore,
        StorageRetentionOptions settings, CancellationToken cancellationToken)
    {
        var rows = 0;
        var chunks = 0;
        var pending = new List<string>();
        string? after = null;
        do
        {
            (var idle, after) = await state.FindIdleAsync(after, writtenBefore, settings.ChunkSize, cancellationToken);
            pending.AddRange(idle);
            while (pending.Count >= settings.ChunkSize || (after is null && pending.Count > 0))
            {
                var chunk = pending.Take(settings.ChunkSize).ToList();
                pending.RemoveRange(0, chunk.Count);
                rows += await state.DeleteIdleAsync(chunk, writtenBefore, cancellationToken);
                chunks++;
                await PauseAsync(settings, cancellationToken);
            }
        }
        while (after is not null);

        return (rows, chunks);
    }

    private Task PauseAsync(StorageRetentionOptions settings, CancellationToken cancellationToken) =>
        settings.ChunkPause > TimeSpan.Zero ? Task.Delay(settings.ChunkPause, timeProvider, cancellationToken) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Storage retention: every {Interval}, settled outbox rows after {OutboxDays} days, idle state after {ConversationDays} days, {ChunkSize} rows per write")]
    private static partial void LogStarted(ILogger logger, double outboxDays, double conversationDays, TimeSpan interval, int chunkSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage retention is off (Storage__Retention__Enabled=false): outbox and state rows are kept forever")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Storage retention: deleted {OutboxRows} settled outbox rows older than {OutboxDays} days and {StateRows} state rows idle for {ConversationDays} days, in {Chunks} writes, {ElapsedMs} ms")]
    private static partial void LogSwept(ILogger logger, int outboxRows, double outboxDays, int stateRows, double conversationDays, int chunks, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage retention sweep failed; it runs again next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
