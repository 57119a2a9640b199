using TeamsItBot.Storage;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Notifications;

namespace TeamsItBot.Tests.Storage;

/// <summary>What every tracked-ticket and change-notice store must do; each opened pair stands for one replica.</summary>
public abstract class NotificationStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected abstract (ITrackedTicketStore Tracked, IChangeNoticeStore Notices) OpenReplica();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await ReleaseDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask ReleaseDatabaseAsync();

    private static TrackedTicketRecord Filed(string key, string conversation = "conv-1") =>
        TrackedTicketRecord.Filed(key, "oid-1", $$"""{"target":"{{key}}"}""", conversation);

    private static ChangeNotice Notice(string id, DateTimeOffset? at = null) => new()
    {
        Id = id,
        TicketKey = "IT-1",
        Kind = TicketChangeKind.Commented,
        To = "Please restart it",
        Author = "Priya",
        Summary = "VPN",
        BrowseUrl = "https://jira.example/browse/IT-1",
        CurrentStatus = "In Progress",
        NextAttemptAt = at ?? Now,
        CreatedAt = at ?? Now,
        UpdatedAt = at ?? Now,
    };

    [Fact]
    public async Task Track_is_insert_if_absent_and_round_trips_the_record()
    {
        var (store, _) = OpenReplica();

        Assert.True(await store.TrackAsync(Filed("IT-1"), Now, Token));
        Assert.False(await OpenReplica().Tracked.TrackAsync(Filed("IT-1") with { OwnerObjectId = "someone-else" }, Now, Token));

        var found = await OpenReplica().Tracked.GetAsync(["IT-1", "IT-404"], Token);
        var record = Assert.Single(found).Value;
        Assert.Equal(Filed("IT-1"), record);
        Assert.True(await store.HasAnyAsync(Token));
    }

    [Fact]
    public async Task Advance_is_compare_and_set_so_of_two_racing_pollers_one_wins()
    {
        var (store, _) = OpenReplica();
        await store.TrackAsync(Filed("IT-2"), Now, Token);
        var stored = (await store.GetAsync(["IT-2"], Token))["IT-2"].State;
        var seen = new TrackedTicketState("IT-2", "In Progress", "Priya", 10051, Now.AddMinutes(-1));
        var replicas = Enumerable.Range(0, 6).Select(_ => OpenReplica().Tracked).ToList();

        var results = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.TryAdvanceAsync(stored, seen with { Assignee = "Priya" }, done: false, Now, Token))));

        Assert.Single(results, r => r);
        Assert.Equal(seen, (await store.GetAsync(["IT-2"], Token))["IT-2"].State);
        // The old state no longer matches; the new one does, nulls included.
        Assert.False(await store.TryAdvanceAsync(stored, seen, false, Now, Token));
        Assert.True(await store.TryAdvanceAsync(seen, seen with { Assignee = null, Status = "Done" }, done: true, Now, Token));
        Assert.True((await store.GetAsync(["IT-2"], Token))["IT-2"].Done);
    }

    [Fact]
    public async Task Stopping_a_conversation_stops_all_its_tickets_once()
    {
        var (store, _) = OpenReplica();
        await store.TrackAsync(Filed("IT-3", "gone"), Now, Token);
        await store.TrackAsync(Filed("IT-4", "gone"), Now, Token);
        await store.TrackAsync(Filed("IT-5", "alive"), Now, Token);

        Assert.Equal(2, await store.StopNotifyingConversationAsync("gone", Now, Token));
        Assert.Equal(0, await OpenReplica().Tracked.StopNotifyingConversationAsync("gone", Now, Token));

        var found = await store.GetAsync(["IT-3", "IT-4", "IT-5"], Token);
        Assert.Equal([false, false, true], new[] { found["IT-3"].Notifying, found["IT-4"].Notifying, found["IT-5"].Notifying });
    }

    [Fact]
    public async Task The_poller_lease_has_one_holder_until_it_runs_out()
    {
        var a = OpenReplica().Tracked;
        var b = OpenReplica().Tracked;

        var first = await Task.WhenAll(Task.Run(() => a.TryAcquireLeaseAsync("poller", "a", Now, TimeSpan.FromSeconds(30), Token)),
            Task.Run(() => b.TryAcquireLeaseAsync("poller", "b", Now, TimeSpan.FromSeconds(30), Token)));
        Assert.Single(first, won => won);
        var holder = first[0] ? (a, "a") : (b, "b");
        var other = first[0] ? (b, "b") : (a, "a");

        Assert.True(await holder.Item1.TryAcquireLeaseAsync("poller", holder.Item2, Now.AddSeconds(10), TimeSpan.FromSeconds(30), Token));
        Assert.False(await other.Item1.TryAcquireLeaseAsync("poller", other.Item2, Now.AddSeconds(39), TimeSpan.FromSeconds(30), Token));
        Assert.True(await other.Item1.TryAcquireLeaseAsync("poller", other.Item2, Now.AddSeconds(41), TimeSpan.FromSeconds(30), Token));
        Assert.False(await holder.Item1.TryAcquireLeaseAsync("poller", holder.Item2, Now.AddSeconds(42), TimeSpan.FromSeconds(30), Token));
    }

    [Fact]
    public async Task The_watermark_survives_and_is_null_before_the_first_poll()
    {
        var (store, _) = OpenReplica();
        Assert.Null(await store.GetWatermarkAsync("poller", Token));
        await store.TryAcquireLeaseAsync("poller", "a", Now, TimeSpan.FromSeconds(30), Token);

        await store.SetWatermarkAsync("poller", Now.AddMinutes(-3), Token);

        Assert.Equal(Now.AddMinutes(-3), await OpenReplica().Tracked.GetWatermarkAsync("poller", Token));
        Assert.True(await store.TryAcquireLeaseAsync("poller", "a", Now.AddSeconds(1), TimeSpan.FromSeconds(30), Token));
        Assert.Equal(Now.AddMinutes(-3), await store.GetWatermarkAsync("poller", Token));
    }

    [Fact]
    public async Task Retention_deletes_only_done_or_silenced_tickets_older_than_the_cutoff()
    {
        var (store, _) = OpenReplica();
        foreach (var key in new[] { "IT-10", "IT-11", "IT-12", "IT-13" })
        {
            await store.TrackAsync(Filed(key, key), Now.AddDays(-40), Token);
        }

        var filed = new TrackedTicketState("IT-10", TrackedTicketRecord.UnknownStatus, null, 0, null);
        await store.TryAdvanceAsync(filed, filed with { Status = "Done" }, done: true, Now.AddDays(-40), Token);
        await store.TryAdvanceAsync(filed with { Key = "IT-11" }, filed with { Key = "IT-11", Status = "Done" }, done: true, Now, Token);
        await store.StopNotifyingConversationAsync("IT-12", Now.AddDays(-35), Token);

        Assert.Equal(2, await store.DeleteRetiredAsync(Now.AddDays(-30), 10, Token));

        Assert.Equal(["IT-11", "IT-13"], (await store.GetAsync(["IT-10", "IT-11", "IT-12", "IT-13"], Token)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_notice_is_stored_once_per_change_id_even_after_it_was_sent()
    {
        var (_, notices) = OpenReplica();

        Assert.True(await notices.AddIfAbsentAsync(Notice("IT-1:comment:10051"), Token));
        var claimed = Assert.Single(await notices.ClaimDueAsync("a", Now, Now.AddMinutes(1), 10, Token));
        Assert.True(await notices.SettleAsync(claimed with { State = ChangeNoticeState.Delivered, UpdatedAt = Now }, "a", Token));

        Assert.False(await OpenReplica().Notices.AddIfAbsentAsync(Notice("IT-1:comment:10051"), Token));
        var stored = await notices.GetAsync("IT-1:comment:10051", Token);
        Assert.Equal((ChangeNoticeState.Delivered, 1, "Please restart it", "Priya", "In Progress"),
            (stored!.State, stored.Attempts, stored.To, stored.Author, stored.CurrentStatus));
        Assert.Empty(await notices.ClaimDueAsync("a", Now.AddMinutes(5), Now.AddMinutes(6), 10, Token));
    }

    [Fact]
    public async Task Two_replicas_never_claim_the_same_notice_and_a_lapsed_lease_is_taken_over()
    {
        var (_, notices) = OpenReplica();
        for (var i = 0; i < 12; i++) await notices.AddIfAbsentAsync(Notice($"n-{i:00}", Now.AddSeconds(-i)), Token);
        var a = OpenReplica().Notices;
        var b = OpenReplica().Notices;

        var claimed = await Task.WhenAll(Task.Run(() => a.ClaimDueAsync("a", Now, Now.AddMinutes(1), 8, Token)),
            Task.Run(() => b.ClaimDueAsync("b", Now, Now.AddMinutes(1), 8, Token)));

        var ids = claimed.SelectMany(c => c).Select(n => n.Id).ToList();
        Assert.Equal(12, ids.Distinct().Count());
        Assert.Equal(12, ids.Count);
        var lapsed = Assert.Single(await a.ClaimDueAsync("c", Now.AddMinutes(2), Now.AddMinutes(3), 1, Token));
        var original = claimed[0].Any(n => n.Id == lapsed.Id) ? "a" : "b";
        Assert.Equal(2, lapsed.Attempts);
        Assert.False(await b.SettleAsync(lapsed with { State = ChangeNoticeState.Delivered }, original, Token));
        Assert.True(await b.SettleAsync(lapsed with { State = ChangeNoticeState.Delivered }, "c", Token));
    }

    [Fact]
    public async Task A_notice_put_off_is_claimable_only_when_due_and_settled_ones_are_swept()
    {
        var (_, notices) = OpenReplica();
        await notices.AddIfAbsentAsync(Notice("later"), Token);
        await notices.AddIfAbsentAsync(Notice("old"), Token);
        var claimed = await notices.ClaimDueAsync("a", Now, Now.AddMinutes(1), 10, Token);
        foreach (var notice in claimed)
        {
            var settled = notice.Id == "later"
                ? notice with { NextAttemptAt = Now.AddSeconds(30), UpdatedAt = Now }
                : notice with { State = ChangeNoticeState.Dropped, UpdatedAt = Now.AddDays(-8) };
            Assert.True(await notices.SettleAsync(settled, "a", Token));
        }

        Assert.Empty(await notices.ClaimDueAsync("b", Now.AddSeconds(29), Now.AddMinutes(1), 10, Token));
        Assert.Equal("later", Assert.Single(await notices.ClaimDueAsync("b", Now.AddSeconds(30), Now.AddMinutes(1), 10, Token)).Id);
        Assert.Equal(1, await notices.DeleteSettledAsync(Now.AddDays(-7), 10, Token));
        Assert.Null(await notices.GetAsync("old", Token));
        Assert.NotNull(await notices.GetAsync("later", Token));
    }
}

public sealed class MemoryNotificationStoreTests : NotificationStoreContractTests
{
    private readonly MemoryTrackedTicketStore _tracked = new();
    private readonly MemoryChangeNoticeStore _notices = new();

    protected override (ITrackedTicketStore Tracked, IChangeNoticeStore Notices) OpenReplica() => (_tracked, _notices);

    protected override ValueTask ReleaseDatabaseAsync() => ValueTask.CompletedTask;
}

public sealed class SqliteNotificationStoreTests : NotificationStoreContractTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override (ITrackedTicketStore Tracked, IChangeNoticeStore Notices) OpenReplica()
    {
        var database = _database.Open([.. NotificationStorageMigrations.All]);
        return (new RelationalTrackedTicketStore(database), new RelationalChangeNoticeStore(database));
    }

    protected override ValueTask ReleaseDatabaseAsync() => _database.DisposeAsync();
}

[Collection(PostgresTests.Name)]
public sealed class PostgresNotificationStoreTests(PostgresServer server) : NotificationStoreContractTests
{
    private PostgresTestDatabase _database = null!;

    public override async ValueTask InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync(server, "notify");

    protected override (ITrackedTicketStore Tracked, IChangeNoticeStore Notices) OpenReplica()
    {
        var database = _database.Open([.. NotificationStorageMigrations.All]);
        return (new RelationalTrackedTicketStore(database), new RelationalChangeNoticeStore(database));
    }

    protected override ValueTask ReleaseDatabaseAsync() => _database.DisposeAsync();
}
