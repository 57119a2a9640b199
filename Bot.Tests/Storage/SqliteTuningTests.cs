using System.Text.Json.Nodes;
using TeamsItBot.Framework.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TeamsItBot.Storage;

namespace TeamsItBot.Tests.Storage;

/// <summary>The SQLite settings that decide throughput: durability level, pragmas on pooled connections, group commit.</summary>
public sealed class SqliteTuningTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-tuning-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<SqliteDatabase> _databases = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SqliteSynchronous.Normal, 1)]
    [InlineData(SqliteSynchronous.Full, 2)]
    public async Task Synchronous_setting_holds_on_every_pooled_connection(SqliteSynchronous setting, long expected)
    {
        var database = Create(setting);
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await database.OpenConnectionAsync(Token);
            Assert.Equal(expected, await ScalarAsync(connection, "PRAGMA synchronous"));
            Assert.Equal((long)SqliteDatabase.BusyTimeout.TotalMilliseconds, await ScalarAsync(connection, "PRAGMA busy_timeout"));
        }

        using var sync = database.OpenConnection();
        Assert.Equal(expected, await ScalarAsync(sync, "PRAGMA synchronous"));
    }

    [Fact]
    public async Task Concurrent_state_writes_all_land()
    {
        var database = Create(SqliteSynchronous.Normal);
        var storage = new SqliteStorage(database);
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => storage.WriteAsync(
            new Dictionary<string, StoreItem> { [$"k{i}"] = new(new JsonObject { ["n"] = i }, "*") }, Token)));

        var read = await storage.ReadAsync([.. Enumerable.Range(0, 64).Select(i => $"k{i}")], Token);
        Assert.Equal(64, read.Count);
    }

    [Fact]
    public async Task Conversations_that_grew_mid_flow_and_settled_take_little_disk()
    {
        // The shape of a real flow: a small first write, a large one (steps, a draft), a small settled one.
        var database = Create(SqliteSynchronous.Normal);
        var storage = new SqliteStorage(database);
        const int conversations = 1_500;
        const int inFlight = 32;
        for (var start = 0; start < conversations; start += inFlight)
        {
            var keys = Enumerable.Range(start, inFlight).Select(i => $"msteams/conversations/a:c-{i}").ToList();
            foreach (var size in new[] { 300, 3_000, 500 })
            {
                var current = await storage.ReadAsync(keys, Token);
                await Task.WhenAll(keys.Select(key => storage.WriteAsync(new Dictionary<string, StoreItem>
                {
                    [key] = new(new JsonObject { ["text"] = new string('x', size) }, current.TryGetValue(key, out var item) ? item.ETag : null),
                }, Token)));
            }
        }

        await using var connection = await database.OpenConnectionAsync(Token);
        await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        var usedPages = await ScalarAsync(connection, "PRAGMA page_count") - await ScalarAsync(connection, "PRAGMA freelist_count");
        var bytesPerConversation = usedPages * await ScalarAsync(connection, "PRAGMA page_size") / conversations;
        Assert.True(bytesPerConversation < 1_500, $"{bytesPerConversation} bytes on disk per settled 0.5 KB conversation");
    }

    [Fact]
    public async Task Stored_documents_do_not_escape_plain_punctuation()
    {
        var database = Create(SqliteSynchronous.Normal);
        var storage = new SqliteStorage(database);
        await storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["k"] = new(new JsonObject { ["text"] = "Settings > Apps, Windows+R, don't" }, "*"),
        }, Token);

        await using var connection = await database.OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM bot_state WHERE key = 'k'";
        Assert.Equal("""{"text":"Settings > Apps, Windows+R, don't"}""", (string)(await command.ExecuteScalarAsync(Token))!);
    }

    [Fact]
    public void Unknown_synchronous_value_is_refused_with_the_setting_name()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { SqliteSynchronous = (SqliteSynchronous)7 });
        Assert.True(result.Failed);
        Assert.Contains("Storage__SqliteSynchronous", result.FailureMessage, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private SqliteDatabase Create(SqliteSynchronous synchronous)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, $"{synchronous}.db") }.ConnectionString;
        var database = new SqliteDatabase(connectionString, CoreStorageMigrations.All, synchronous: synchronous);
        _databases.Add(database);
        return database;
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Token), System.Globalization.CultureInfo.InvariantCulture);
    }
}
