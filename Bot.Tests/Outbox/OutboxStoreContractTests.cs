using TeamsItBot.Storage;
using TeamsItBot.Tests.Storage;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.Outbox;

/// <summary>What every <see cref="ITicketOutboxStore"/> must do; each store instance stands for one replica.</summary>
public abstract class OutboxStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A store over the test's one database, as another replica would open it.</summary>
    protected abstract ITicketOutboxStore OpenReplica();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await ReleaseDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask ReleaseDatabaseAsync();

    private static OutboxItem Item(string id) =>
        OutboxItem.New(new TicketDraft(id, "VPN is down", ["Restart"], "Ann", "oid"), """{"target":1}""", Now);

    [Fact]
    public async Task Add_is_insert_if_absent_and_round_trips_the_item()
    {
        var store = OpenReplica();
        var (first, added) = await store.AddIfAbsentAsync(Item("d1"), Token);
        var (second, addedAgain) = await OpenReplica().AddIfAbsentAsync(Item("d1") with { NotifyTarget = "other" }, Token);

        Assert.True(added);
        Assert.False(addedAgain);
        Assert.Equal("""{"target":1}""", second.NotifyTarget);
        Assert.Equal(first.Draft.StepsShown, second.Draft.StepsShown);
        Assert.Equal((OutboxStatus.Pending, 0, Now), (second.Status, second.Attempts, second.NextAttemptAt));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_item_have_one_winner()
    {
        await OpenReplica().AddIfAbsentAsync(Item("d2"), Token);
        var replicas = Enumerable.Range(0, 8).Select(_ => OpenReplica()).ToList();

        var claims = await Task.WhenAll(replicas.Select((r, i) => Task.Run(() => r.TryClaimAsync("d2", $"owner-{i}", Now, Now.AddMinutes(1), Token))));

        var winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal((OutboxStatus.Sending, 1), (winner.Status, winner.Attempts));
    }

    [Fact]
    public async Task Batch_claims_of_two_replicas_never_share_an_item()
    {
        var store = OpenReplica();
        for (var i = 0; i < 12; i++) await store.AddIfAbsentAsync(Item($"batch-{i}"), Token);
        var a = OpenReplica();
        var b = OpenReplica();

        var claimed = await Task.WhenAll(
            Task.Run(() => a.ClaimDueAsync("a", Now, Now.AddMinutes(1), 8, Token)),
            Task.Run(() => b.ClaimDueAsync("b", Now, Now.AddMinutes(1), 8, Token)));

        var ids = claimed.SelectMany(c => c).Select(i => i.DraftId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(12, ids.Count);
        Assert.Empty(await a.ClaimDueAsync("a", Now, Now.AddMinutes(1), 8, Token));
    }

    [Fact]
    public async Task A_lapsed_lease_can_be_taken_over_and_the_old_owner_can_no_longer_write()
    {
        var store = OpenReplica();
        await store.AddIfAbsentAsync(Item("d3"), Token);
        var dead = await store.TryClaimAsync("d3", "dead", Now, Now.AddSeconds(30), Token);
        Assert.Null(await OpenReplica().TryClaimAsync("d3", "live", Now.AddSeconds(29), Now.AddSeconds(90), Token));

        var live = await OpenReplica().TryClaimAsync("d3", "live", Now.AddSeconds(31), Now.AddSeconds(90), Token);

        Assert.Equal(2, live!.Attempts);
        Assert.False(await store.UpdateAsync(dead! with { Status = OutboxStatus.Pending, LeaseOwner = null }, "dead", Token));
        Assert.True(await store.UpdateAsync(live with { Status = OutboxStatus.Created, TicketKey = "ITSUPPORT-9", BrowseUrl = "https://jira/browse/ITSUPPORT-9", LeaseOwner = null, LeaseUntil = null }, "live", Token));
        var stored = await store.GetAsync("d3", Token);
        Assert.Equal(new TicketResult("ITSUPPORT-9", new Uri("https://jira/browse/ITSUPPORT-9")), stored!.Result);
        Assert.Null(await store.TryClaimAsync("d3", "late", Now.AddHours(1), Now.AddHours(2), Token));
    }

    [Fact]
    public async Task A_created_ticket_is_recorded_even_by_an_owner_that_lost_its_lease()
    {
        var store = OpenReplica();
        await store.AddIfAbsentAsync(Item("d4"), Token);
        var slow = await store.TryClaimAsync("d4", "slow", Now, Now.AddSeconds(1), Token);
        await store.TryClaimAsync("d4", "other", Now.AddSeconds(2), Now.AddSeconds(60), Token);

        Assert.True(await store.UpdateAsync(slow! with { Status = OutboxStatus.Created, TicketKey = "ITSUPPORT-4", BrowseUrl = "https://jira/browse/ITSUPPORT-4" }, "slow", Token));
        Assert.Equal(OutboxStatus.Created, (await store.GetAsync("d4", Token))!.Status);
    }

    [Fact]
    public async Task Finished_items_with_a_pending_notice_are_claimed_without_counting_an_attempt()
    {
        var store = OpenReplica();
        await store.AddIfAbsentAsync(Item("d5"), Token);
        var claimed = await store.TryClaimAsync("d5", "w", Now, Now.AddSeconds(10), Token);
        await store.UpdateAsync(claimed! with { Status = OutboxStatus.GivenUp, NotifyPending = true, LeaseOwner = null, LeaseUntil = null }, "w", Token);

        var due = Assert.Single(await OpenReplica().ClaimDueAsync("n", Now.AddSeconds(1), Now.AddSeconds(20), 5, Token));

        Assert.Equal((OutboxStatus.GivenUp, 1, true), (due.Status, due.Attempts, due.NotifyPending));
        Assert.False(await store.RearmAsync("d5", Now.AddSeconds(2), Token), "not while its notice is being sent");
        Assert.True(await store.RearmAsync("d5", Now.AddSeconds(21), Token));
        Assert.Equal((OutboxStatus.Pending, false), ((await store.GetAsync("d5", Token))!.Status, (await store.GetAsync("d5", Token))!.NotifyPending));
    }

    [Fact]
    public async Task Retention_deletes_only_settled_unleased_items_older_than_the_cutoff_a_chunk_at_a_time()
    {
        var store = OpenReplica();
        var old = Now.AddDays(-40);
        foreach (var id in new[] { "created-a", "created-b", "given-up" })
        {
            await store.AddIfAbsentAsync(Item(id) with { Status = id.StartsWith("created", StringComparison.Ordinal) ? OutboxStatus.Created : OutboxStatus.GivenUp, UpdatedAt = old }, Token);
        }

        await store.AddIfAbsentAsync(Item("pending") with { UpdatedAt = old }, Token);
        await store.AddIfAbsentAsync(Item("leased") with { Status = OutboxStatus.Sending, LeaseOwner = "w", LeaseUntil = Now.AddMinutes(1), UpdatedAt = old }, Token);
        await store.AddIfAbsentAsync(Item("telling") with { Status = OutboxStatus.Created, NotifyPending = true, UpdatedAt = old }, Token);
        await store.AddIfAbsentAsync(Item("recent") with { Status = OutboxStatus.Created, UpdatedAt = Now.AddDays(-1) }, Token);

        var first = await store.DeleteSettledAsync(Now.AddDays(-30), Now, 2, Token);
        var second = await OpenReplica().DeleteSettledAsync(Now.AddDays(-30), Now, 2, Token);
        var third = await store.DeleteSettledAsync(Now.AddDays(-30), Now, 2, Token);

        Assert.Equal((2, 1, 0), (first, second, third));
        foreach (var id in new[] { "pending", "leased", "telling", "recent" })
        {
            Assert.NotNull(await store.GetAsync(id, Token));
        }

        Assert.Null(await store.GetAsync("given-up", Token));
    }
}

public sealed class MemoryOutboxStoreTests : OutboxStoreContractTests
{
    private readonly MemoryTicketOutboxStore _store = new();

    protected override ITicketOutboxStore OpenReplica() => _store;

    protected override ValueTask ReleaseDatabaseAsync() => ValueTask.CompletedTask;
}

public sealed class SqliteOutboxStoreTests : OutboxStoreContractTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override ITicketOutboxStore OpenReplica() => new SqliteTicketOutboxStore((SqliteDatabase)_database.Open([.. OutboxStorageMigrations.All]));

    protected override ValueTask ReleaseDatabaseAsync() => _database.DisposeAsync();
}

[Collection(PostgresTests.Name)]
public sealed class PostgresOutboxStoreTests(PostgresServer server) : OutboxStoreContractTests
{
    private PostgresTestDatabase _database = null!;

    public override async ValueTask InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync(server, "outbox");

    protected override ITicketOutboxStore OpenReplica() => new PostgresTicketOutboxStore((PostgresDatabase)_database.Open([.. OutboxStorageMigrations.All]));

    protected override ValueTask ReleaseDatabaseAsync() => _database.DisposeAsync();
}
