using System.Diagnostics;
using System.Text.Json.Nodes;
using TeamsItBot.Framework.State;
using TeamsItBot.Storage;

namespace TeamsItBot.Tests.Storage;

/// <summary>The IStorage contract, run against each real provider by the subclasses.</summary>
public abstract class StorageContractTests : DatabaseTestBase
{
    [Fact]
    public async Task Written_item_reads_back_with_a_new_etag_and_delete_removes_it()
    {
        var storage = Database.CreateStorage(Database.Open());
        await storage.WriteAsync(One("a", new JsonObject { ["n"] = 1, ["text"] = "héllo \"x\"" }, null), Token);

        var read = await storage.ReadAsync(["a", "missing"], Token);

        Assert.Equal(["a"], read.Keys);
        Assert.Equal(1, read["a"].Document["n"]!.GetValue<int>());
        Assert.Equal("héllo \"x\"", read["a"].Document["text"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(read["a"].ETag));

        await storage.WriteAsync(One("a", new JsonObject { ["n"] = 2 }, read["a"].ETag), Token);
        var second = (await storage.ReadAsync(["a"], Token))["a"];
        Assert.NotEqual(read["a"].ETag, second.ETag);

        await storage.DeleteAsync(["a"], Token);
        Assert.Empty(await storage.ReadAsync(["a"], Token));
    }

    [Fact]
    public async Task Create_only_write_conflicts_when_the_key_exists()
    {
        var storage = Database.CreateStorage(Database.Open());
        await storage.WriteAsync(One("k", new JsonObject { ["v"] = "first" }, null), Token);

        var conflict = await Assert.ThrowsAsync<StorageConcurrencyException>(
            () => storage.WriteAsync(One("k", new JsonObject { ["v"] = "second" }, null), Token));

        Assert.Equal("k", conflict.Key);
        Assert.Equal("first", (await storage.ReadAsync(["k"], Token))["k"].Document["v"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stale_etag_conflicts_and_writes_nothing()
    {
        var storage = Database.CreateStorage(Database.Open());
        await storage.WriteAsync(One("k", new JsonObject { ["v"] = 1 }, null), Token);
        var stale = (await storage.ReadAsync(["k"], Token))["k"].ETag;
        await storage.WriteAsync(One("k", new JsonObject { ["v"] = 2 }, stale), Token);

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("k", new JsonObject { ["v"] = 3 }, stale), Token));
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("absent", new JsonObject(), stale), Token));

        Assert.Equal(2, (await storage.ReadAsync(["k"], Token))["k"].Document["v"]!.GetValue<int>());
        Assert.Empty(await storage.ReadAsync(["absent"], Token));
    }

    [Fact]
    public async Task Star_etag_writes_unconditionally()
    {
        var storage = Database.CreateStorage(Database.Open());
        await storage.WriteAsync(One("k", new JsonObject { ["v"] = 1 }, "*"), Token);
        await storage.WriteAsync(One("k", new JsonObject { ["v"] = 2 }, "*"), Token);

        Assert.Equal(2, (await storage.ReadAsync(["k"], Token))["k"].Document["v"]!.GetValue<int>());
    }

    [Fact]
    public async Task Multi_key_write_with_one_conflict_writes_none_of_the_keys()
    {
        var storage = Database.CreateStorage(Database.Open());
        await storage.WriteAsync(One("taken", new JsonObject { ["v"] = "old" }, null), Token);

        // "a-new" sorts before "taken" and "z-new" after it: both sides of the conflict must roll back.
        var changes = new Dictionary<string, StoreItem>
        {
            ["a-new"] = new(new JsonObject { ["v"] = 1 }, null),
            ["taken"] = new(new JsonObject { ["v"] = "new" }, null),
            ["z-new"] = new(new JsonObject { ["v"] = 2 }, "*"),
        };
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(changes, Token));

        var read = await storage.ReadAsync(["a-new", "taken", "z-new"], Token);
        Assert.Equal(["taken"], read.Keys);
        Assert.Equal("old", read["taken"].Document["v"]!.GetValue<string>());
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task Concurrent_read_modify_write_loops_lose_no_update()
    {
        const int Writers = 20;
        const int IncrementsEach = 10;
        // Two database instances: writers on either behave like two replicas.
        var replicas = new[] { Database.CreateStorage(Database.Open()), Database.CreateStorage(Database.Open()) };
        await replicas[0].WriteAsync(One("counter", new JsonObject { ["n"] = 0 }, null), Token);
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var storage = replicas[w % 2];
            for (var done = 0; done < IncrementsEach;)
            {
                var item = (await storage.ReadAsync(["counter"], Token))["counter"];
                var next = item.Document["n"]!.GetValue<int>() + 1;
                try
                {
                    await storage.WriteAsync(One("counter", new JsonObject { ["n"] = next }, item.ETag), Token);
                    done++;
                }
                catch (StorageConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }, Token)));

        var final = (await replicas[1].ReadAsync(["counter"], Token))["counter"].Document["n"]!.GetValue<int>();
        Assert.Equal(Writers * IncrementsEach, final);
        TestContext.Current.TestOutputHelper?.WriteLine($"{Database.Name}: {Writers * IncrementsEach} increments, {conflicts} conflicts retried");
    }

    [Fact]
    public async Task Data_survives_reopening_the_store()
    {
        var first = Database.Open();
        await Database.CreateStorage(first).WriteAsync(One("durable", new JsonObject { ["v"] = "kept" }, null), Token);
        await first.DisposeAsync();

        var reopened = Database.CreateStorage(Database.Open());

        Assert.Equal("kept", (await reopened.ReadAsync(["durable"], Token))["durable"].Document["v"]!.GetValue<string>());
    }

    [Fact]
    public async Task Schema_initialisation_twice_or_at_once_is_harmless()
    {
        var a = Database.Open();
        var b = Database.Open();
        await Task.WhenAll(a.EnsureSchemaAsync(Token), b.EnsureSchemaAsync(Token));
        await a.EnsureSchemaAsync(Token);
        await Database.Open().EnsureSchemaAsync(Token);

        var applied = await Database.Open().GetAppliedMigrationsAsync(Token);

        Assert.Equal(CoreStorageMigrations.All.Select(m => (m.Component, m.Version)), applied);
        await Database.CreateStorage(b).WriteAsync(One("k", new JsonObject(), null), Token);
    }

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task Single_write_and_read_latency_is_measured()
    {
        const int Rounds = 200;
        var storage = Database.CreateStorage(Database.Open());
        var document = new JsonObject { ["dialogStack"] = new JsonArray("main", "troubleshoot"), ["step"] = 3, ["text"] = new string('x', 500) };
        await storage.WriteAsync(One("warm", document.DeepClone().AsObject(), "*"), Token);
        string? etag = null;
        var writes = new List<double>(Rounds);
        var reads = new List<double>(Rounds);
        for (var i = 0; i < Rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await storage.WriteAsync(One("latency", document.DeepClone().AsObject(), etag), Token);
            writes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            etag = (await storage.ReadAsync(["latency"], Token))["latency"].ETag;
            reads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var line = $"{Database.Name} latency over {Rounds}: write p50 {Percentile(writes, 50):F2} ms p95 {Percentile(writes, 95):F2} ms; " +
                   $"read p50 {Percentile(reads, 50):F2} ms p95 {Percentile(reads, 95):F2} ms";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
        // Generous: a turn does one read and one write; beyond this the store is broken, not slow.
        Assert.True(Percentile(writes, 50) < 100 && Percentile(reads, 50) < 50, line);
    }

    private static Dictionary<string, StoreItem> One(string key, JsonObject document, string? etag) => new() { [key] = new(document, etag) };

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, sorted.Count * percentile / 100)];
    }
}
