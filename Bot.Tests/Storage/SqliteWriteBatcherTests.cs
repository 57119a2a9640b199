using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TeamsItBot.Framework.State;
using TeamsItBot.Storage;

namespace TeamsItBot.Tests.Storage;

/// <summary>Group commit: writes queued together share a transaction, yet each succeeds or fails on its own.</summary>
public sealed class SqliteWriteBatcherTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-batch-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SqliteDatabase _database;

    public SqliteWriteBatcherTests()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "bot.db") }.ConnectionString;
        _database = new SqliteDatabase(connectionString, CoreStorageMigrations.All);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_writes_all_land_in_fewer_commits_than_writes()
    {
        var storage = new SqliteStorage(_database);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => storage.WriteAsync(
            new Dictionary<string, StoreItem> { [$"k{i}"] = new(new JsonObject { ["n"] = i }, null) }, Token)));

        var read = await storage.ReadAsync([.. Enumerable.Range(0, 200).Select(i => $"k{i}")], Token);
        Assert.Equal(200, read.Count);
        Assert.Equal(200, _database.Writer.WritesCommitted);
        Assert.True(_database.Writer.Commits < 200, $"{_database.Writer.Commits} commits for 200 writes: nothing was batched");
    }

    [Fact]
    public async Task A_failing_write_rolls_back_alone_and_its_batch_commits()
    {
        var (gate, blocker) = await HoldWriterAsync();
        var first = InsertAsync("a", fail: false);
        var failing = InsertAsync("b", fail: true);
        var third = InsertAsync("c", fail: false);
        gate.SetResult();
        await blocker;

        await first;
        await third;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("refused b", error.Message);
        Assert.Equal(["a", "c"], await KeysAsync());
        Assert.Equal(2, _database.Writer.Commits);
    }

    [Fact]
    public async Task Multi_key_conflict_in_a_shared_batch_undoes_only_that_call()
    {
        var storage = new SqliteStorage(_database);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["taken"] = new(new JsonObject { ["v"] = 1 }, "*") }, Token);

        var (gate, blocker) = await HoldWriterAsync();
        var clean = storage.WriteAsync(new Dictionary<string, StoreItem> { ["x"] = new(new JsonObject { ["v"] = 2 }, null) }, Token);
        var conflicting = storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["a-new"] = new(new JsonObject { ["v"] = 3 }, null),
            ["taken"] = new(new JsonObject { ["v"] = 4 }, null),
        }, Token);
        gate.SetResult();
        await blocker;

        await clean;
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => conflicting);
        var read = await storage.ReadAsync(["x", "a-new", "taken"], Token);
        Assert.Equal(["taken", "x"], read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, read["taken"].Document["v"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_never_runs()
    {
        var (gate, blocker) = await HoldWriterAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = _database.WriteAsync((connection, transaction, ct) => InsertRowAsync(connection, transaction, "never", ct), cancel.Token);
        await cancel.CancelAsync();
        gate.SetResult();
        await blocker;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task The_writer_leaves_checkpoints_to_the_background_checkpointer()
    {
        var autoCheckpoint = await _database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand("PRAGMA wal_autocheckpoint", transaction);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }, Token);
        Assert.Equal(0, autoCheckpoint);

        await InsertAsync("x", fail: false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_database.Checkpointer.Checkpoints == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Token);
        }

        Assert.True(_database.Checkpointer.Checkpoints > 0, "no checkpoint ran after a commit");
    }

    [Fact]
    public async Task A_requested_restart_starts_the_wal_over_before_the_next_batch()
    {
        var storage = new SqliteStorage(_database);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => storage.WriteAsync(
            new Dictionary<string, StoreItem> { [$"k{i}"] = new(new JsonObject { ["text"] = new string('x', 2000) }, null) }, Token)));
        Assert.True(await WalFramesAsync() > 25, "50 writes of 2 KB left under 25 WAL frames");

        _database.Writer.RequestRestart();
        await InsertAsync("after", fail: false);

        Assert.Equal(1, _database.Writer.Restarts);
        Assert.True(await WalFramesAsync() <= 5, "the WAL did not start over");
        Assert.Equal(51, (await KeysAsync()).Count);
    }

    [Fact]
    public async Task Writes_after_dispose_are_refused()
    {
        await _database.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            _database.WriteAsync((connection, transaction, ct) => InsertRowAsync(connection, transaction, "late", ct), Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Occupies the writer until the gate opens, so the writes queued meanwhile form one batch.</summary>
    private async Task<(TaskCompletionSource Gate, Task Blocker)> HoldWriterAsync()
    {
        await _database.EnsureSchemaAsync(Token);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = _database.WriteAsync(async (_, _, _) =>
        {
            started.SetResult();
            await gate.Task;
            return 0;
        }, Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        return (gate, blocker);
    }

    private Task<int> InsertAsync(string key, bool fail) => _database.WriteAsync(async (connection, transaction, ct) =>
    {
        await InsertRowAsync(connection, transaction, key, ct);
        return fail ? throw new InvalidOperationException($"refused {key}") : 1;
    }, Token);

    private static async Task<int> InsertRowAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(
            "INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, '{}', 'e', 'now')", transaction, ("@key", key));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Frames in the WAL since it last started over (a passive checkpoint reports it and changes nothing else we look at).</summary>
    private async Task<long> WalFramesAsync()
    {
        await using var connection = await _database.OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand("PRAGMA wal_checkpoint(PASSIVE)", null);
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        return reader.GetInt64(1);
    }

    private async Task<List<string>> KeysAsync()
    {
        await using var connection = await _database.OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand("SELECT key FROM bot_state ORDER BY key", null);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var keys = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
