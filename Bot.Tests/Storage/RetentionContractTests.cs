using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.State;
using TeamsItBot.Storage;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.Storage;

/// <summary>Retention against each real provider (subclasses): what a sweep deletes, what it keeps, and that it runs on its own.</summary>
public abstract class RetentionContractTests : DatabaseTestBase
{
    protected static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract ITicketOutboxStore CreateOutbox(StorageDatabase database);

    [Fact]
    public async Task Settled_outbox_rows_past_retention_are_deleted_in_chunks_and_unsettled_or_young_rows_are_kept()
    {
        var outbox = CreateOutbox(Database.Open([.. OutboxStorageMigrations.All]));
        var old = Now - TimeSpan.FromDays(31);
        for (var i = 0; i < 7; i++) await outbox.AddIfAbsentAsync(Item($"created-{i}", OutboxStatus.Created, old), Token);
        for (var i = 0; i < 3; i++) await outbox.AddIfAbsentAsync(Item($"given-up-{i}", OutboxStatus.GivenUp, old), Token);
        string[] kept = ["pending", "sending", "sending-lapsed", "notice-pending", "given-up-leased", "created-young"];
        await outbox.AddIfAbsentAsync(Item("pending", OutboxStatus.Pending, old), Token);
        await outbox.AddIfAbsentAsync(Item("sending", OutboxStatus.Sending, old) with { LeaseOwner = "w", LeaseUntil = Now.AddMinutes(1) }, Token);
        await outbox.AddIfAbsentAsync(Item("sending-lapsed", OutboxStatus.Sending, old) with { LeaseOwner = "dead", LeaseUntil = old }, Token);
        await outbox.AddIfAbsentAsync(Item("notice-pending", OutboxStatus.Created, old) with { NotifyPending = true }, Token);
        await outbox.AddIfAbsentAsync(Item("given-up-leased", OutboxStatus.GivenUp, old) with { LeaseOwner = "w", LeaseUntil = Now.AddMinutes(1) }, Token);
        await outbox.AddIfAbsentAsync(Item("created-young", OutboxStatus.Created, Now - TimeSpan.FromDays(29)), Token);

        var result = await Sweeper(outbox, new MemoryStorage(), new FakeTimeProvider(Now), chunkSize: 3).SweepAsync(Token);

        Assert.Equal((10, 4), (result.OutboxRows, result.Chunks));
        foreach (var id in kept)
        {
            Assert.NotNull(await outbox.GetAsync(id, Token));
        }

        Assert.Null(await outbox.GetAsync("created-0", Token));
        Assert.Null(await outbox.GetAsync("given-up-2", Token));
        Assert.Equal(0, (await Sweeper(outbox, new MemoryStorage(), new FakeTimeProvider(Now), chunkSize: 3).SweepAsync(Token)).Rows);
    }

    [Fact]
    public async Task State_idle_past_retention_is_deleted_in_chunks_and_state_written_since_is_kept()
    {
        var database = Database.Open();
        var time = new FakeTimeProvider(Now - TimeSpan.FromDays(91));
        var storage = Database.CreateStorage(database, time);
        var idle = Enumerable.Range(0, 9).Select(i => $"msteams/conversations/idle-{i}").Append("msteams/users/idle-user").ToList();
        await Write(storage, [.. idle, "msteams/conversations/came-back"]);
        time.Advance(TimeSpan.FromDays(2));
        await Write(storage, ["msteams/conversations/young-0", "msteams/conversations/young-1"]);
        time.SetUtcNow(Now - TimeSpan.FromDays(1));
        await Write(storage, ["msteams/conversations/came-back"]);
        time.SetUtcNow(Now);

        var result = await Sweeper(new MemoryTicketOutboxStore(), storage, time, chunkSize: 3).SweepAsync(Token);

        Assert.Equal((10, 4), (result.StateRows, result.Chunks));
        Assert.Empty(await storage.ReadAsync(idle, Token));
        var left = await storage.ReadAsync(["msteams/conversations/came-back", "msteams/conversations/young-0", "msteams/conversations/young-1"], Token);
        Assert.Equal(3, left.Count);
    }

    [Fact]
    public async Task A_conversation_written_between_finding_and_deleting_it_is_kept()
    {
        var database = Database.Open();
        var time = new FakeTimeProvider(Now - TimeSpan.FromDays(100));
        var storage = (RelationalStorage)Database.CreateStorage(database, time);
        await Write(storage, ["msteams/conversations/a", "msteams/conversations/b"]);
        time.SetUtcNow(Now);
        var cutoff = Now - TimeSpan.FromDays(90);

        var (found, next) = await storage.FindIdleAsync(null, cutoff, 10, Token);
        await Write(storage, ["msteams/conversations/a"]);
        var deleted = await storage.DeleteIdleAsync(found, cutoff, Token);

        Assert.Equal(["msteams/conversations/a", "msteams/conversations/b"], found);
        Assert.Null(next);
        Assert.Equal(1, deleted);
        Assert.Equal(["msteams/conversations/a"], (await storage.ReadAsync(["msteams/conversations/a", "msteams/conversations/b"], Token)).Keys);
    }

    [Fact]
    public async Task The_sweep_runs_in_the_background_on_its_clock_without_any_turn()
    {
        var database = Database.Open([.. OutboxStorageMigrations.All]);
        var time = new FakeTimeProvider(Now - TimeSpan.FromDays(91));
        var storage = Database.CreateStorage(database, time);
        var outbox = CreateOutbox(database);
        await Write(storage, ["msteams/conversations/idle"]);
        await outbox.AddIfAbsentAsync(Item("created", OutboxStatus.Created, Now - TimeSpan.FromDays(31)), Token);
        time.SetUtcNow(Now);
        using var sweeper = Sweeper(outbox, storage, time, chunkSize: 500);

        await sweeper.StartAsync(Token);
        // Started but its clock has not moved: nothing swept at start-up, and a turn's reads and writes sweep nothing.
        await Task.Delay(200, Token);
        await Write(storage, ["msteams/conversations/busy"]);
        Assert.Single(await storage.ReadAsync(["msteams/conversations/idle"], Token));
        Assert.Equal(0, sweeper.Sweeps);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((sweeper.Sweeps == 0 || await outbox.GetAsync("created", Token) is not null) && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(25, Token);
        }

        await sweeper.StopAsync(Token);
        Assert.True(sweeper.Sweeps > 0, "the sweep never ran");
        Assert.Null(await outbox.GetAsync("created", Token));
        Assert.Empty(await storage.ReadAsync(["msteams/conversations/idle"], Token));
        Assert.Single(await storage.ReadAsync(["msteams/conversations/busy"], Token));
    }

    protected static OutboxItem Item(string id, OutboxStatus status, DateTimeOffset updatedAt) =>
        OutboxItem.New(new TicketDraft(id, "VPN is down", ["Restart"], "Ann", "oid"), """{"target":1}""", updatedAt - TimeSpan.FromMinutes(5)) with
        {
            Status = status,
            Attempts = 1,
            TicketKey = status == OutboxStatus.Created ? "IT-1" : null,
            UpdatedAt = updatedAt,
        };

    private static StorageRetentionSweeper Sweeper(ITicketOutboxStore outbox, IStorage storage, TimeProvider time, int chunkSize) =>
        new(storage, outbox, Options.Create(new StorageRetentionOptions { ChunkSize = chunkSize, ChunkPause = TimeSpan.Zero }), time,
            NullLogger<StorageRetentionSweeper>.Instance);

    private static Task Write(IStorage storage, IEnumerable<string> keys) =>
        storage.WriteAsync(keys.ToDictionary(k => k, _ => new StoreItem(new JsonObject { ["dialogStack"] = new JsonArray() }, "*")), Token);
}
