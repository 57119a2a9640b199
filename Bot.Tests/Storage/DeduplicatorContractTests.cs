using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Storage;

namespace TeamsItBot.Tests.Storage;

/// <summary>The stored de-duplication contract, run against each real provider by the subclasses.</summary>
public abstract class DeduplicatorContractTests : DatabaseTestBase
{
    [Fact]
    public async Task Duplicate_of_a_completed_invoke_replays_its_response()
    {
        var dedup = new StoreActivityDeduplicator(Database.Open(), TimeProvider.System);
        var first = await dedup.ClaimAsync("conv", "act-1", Token);
        Assert.False(first.IsDuplicate);
        first.Complete(new InvokeResponse(200, new { statusCode = 200, value = "Ticket IT-7 created" }));

        var again = await dedup.ClaimAsync("conv", "act-1", Token);

        Assert.True(again.IsDuplicate);
        var outcome = await again.EarlierOutcome.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.True(outcome.Completed);
        Assert.Equal(200, outcome.InvokeResponse!.Status);
        var body = Assert.IsType<JsonElement>(outcome.InvokeResponse.Body);
        Assert.Equal("Ticket IT-7 created", body.GetProperty("value").GetString());
        Assert.False((await dedup.ClaimAsync("conv", "act-2", Token)).IsDuplicate);
        Assert.False((await dedup.ClaimAsync("other-conv", "act-1", Token)).IsDuplicate);
    }

    [Fact]
    public async Task Duplicate_waits_for_a_running_delivery_to_complete()
    {
        var dedup = new StoreActivityDeduplicator(Database.Open(), TimeProvider.System);
        var first = await dedup.ClaimAsync("conv", "msg-1", Token);

        var duplicate = await dedup.ClaimAsync("conv", "msg-1", Token);
        var waiting = duplicate.EarlierOutcome;
        await Task.Delay(400, Token);
        Assert.False(waiting.IsCompleted);
        first.Complete(null);

        var outcome = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.True(outcome.Completed);
        Assert.Null(outcome.InvokeResponse);
    }

    [Fact]
    public async Task Abandoned_delivery_lets_a_redelivery_run()
    {
        var dedup = new StoreActivityDeduplicator(Database.Open(), TimeProvider.System);
        var first = await dedup.ClaimAsync("conv", "msg-1", Token);
        var waiter = await dedup.ClaimAsync("conv", "msg-1", Token);

        first.Abandon();

        Assert.False((await waiter.EarlierOutcome.WaitAsync(TimeSpan.FromSeconds(10), Token)).Completed);
        Assert.False((await dedup.ClaimAsync("conv", "msg-1", Token)).IsDuplicate);
    }

    [Fact]
    public async Task Replicas_on_one_database_recognise_each_others_deliveries()
    {
        var replicaA = new StoreActivityDeduplicator(Database.Open(), TimeProvider.System);
        var replicaB = new StoreActivityDeduplicator(Database.Open(), TimeProvider.System);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? replicaA : replicaB).ClaimAsync("conv", "racy", Token)));

        var winner = Assert.Single(claims, c => !c.IsDuplicate);
        winner.Complete(new InvokeResponse(200, new { n = 1 }));
        foreach (var duplicate in claims.Where(c => c.IsDuplicate))
        {
            var outcome = await duplicate.EarlierOutcome.WaitAsync(TimeSpan.FromSeconds(10), Token);
            Assert.True(outcome.Completed);
            Assert.Equal(1, ((JsonElement)outcome.InvokeResponse!.Body!).GetProperty("n").GetInt32());
        }
    }

    [Fact]
    public async Task A_sweep_larger_than_one_chunk_removes_every_expired_row_and_keeps_the_rest()
    {
        // One clock per instance: a claim starts its instance's own sweep in the background, and
        // only the sweeping instance may see the old rows as expired.
        var start = DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var database = Database.Open();
        var old = new StoreActivityDeduplicator(database, new FakeTimeProvider(start));
        var later = new StoreActivityDeduplicator(database, new FakeTimeProvider(start + TimeSpan.FromMinutes(5)));
        var sweeper = new StoreActivityDeduplicator(database, new FakeTimeProvider(start + StoreActivityDeduplicator.Window + TimeSpan.FromSeconds(1)));
        await Task.WhenAll(Enumerable.Range(0, 1_200).Select(async i => await (await old.ClaimAsync($"conv-{i % 7}", $"old-{i}", Token)).CompleteAsync(null)));
        await (await later.ClaimAsync("conv-0", "fresh", Token)).CompleteAsync(null);

        Assert.Equal(1_200, await sweeper.RemoveExpiredAsync(Token));

        Assert.Equal(0, await sweeper.RemoveExpiredAsync(Token));
        Assert.True((await later.ClaimAsync("conv-0", "fresh", Token)).IsDuplicate);
    }

    [Fact]
    public async Task Completed_delivery_is_forgotten_after_the_window_and_swept()
    {
        // One clock per instance, each fixed: a claim also starts its instance's sweep in the
        // background, which must not see a later time than the assertions around it.
        var start = DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var database = Database.Open();
        var first = new StoreActivityDeduplicator(database, new FakeTimeProvider(start));
        var justBefore = new StoreActivityDeduplicator(database, new FakeTimeProvider(start + StoreActivityDeduplicator.Window - TimeSpan.FromSeconds(1)));
        var justAfter = new StoreActivityDeduplicator(database, new FakeTimeProvider(start + StoreActivityDeduplicator.Window + TimeSpan.FromSeconds(1)));
        (await first.ClaimAsync("conv", "old", Token)).Complete(null);

        Assert.True((await justBefore.ClaimAsync("conv", "old", Token)).IsDuplicate);
        Assert.Equal(0, await justBefore.RemoveExpiredAsync(Token));

        Assert.Equal(1, await justAfter.RemoveExpiredAsync(Token));
        Assert.False((await justAfter.ClaimAsync("conv", "old", Token)).IsDuplicate);
    }

    [Fact]
    public async Task A_sweep_racing_reclaims_of_lapsed_rows_never_removes_the_new_claims()
    {
        // A sweep picks its expired rows and deletes them a moment later; a row reclaimed in
        // between is live again and must survive, or its redelivery would run the turn a second time.
        var start = DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var database = Database.Open();
        var late = start + StoreActivityDeduplicator.RunningLease + TimeSpan.FromSeconds(1);
        var dead = new StoreActivityDeduplicator(database, new FakeTimeProvider(start));
        var sweeper = new StoreActivityDeduplicator(database, new FakeTimeProvider(late));
        var alive = new StoreActivityDeduplicator(database, new FakeTimeProvider(late));
        const int Rows = 300;
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, Rows).Select(i => dead.ClaimAsync("conv", $"r{round}-{i}", Token)));

            var sweeping = Task.Run(() => sweeper.RemoveExpiredAsync(Token), Token);
            var reclaimed = await Task.WhenAll(Enumerable.Range(0, Rows).Select(async i =>
            {
                var claim = await alive.ClaimAsync("conv", $"r{round}-{i}", Token);
                await claim.CompleteAsync(null);
                return claim.IsDuplicate;
            }));
            await sweeping;

            Assert.DoesNotContain(true, reclaimed);
            var replays = await Task.WhenAll(Enumerable.Range(0, Rows).Select(async i => (await alive.ClaimAsync("conv", $"r{round}-{i}", Token)).IsDuplicate));
            Assert.Equal(Rows, replays.Count(duplicate => duplicate));
        }
    }

    [Fact]
    public async Task Running_claim_of_a_dead_replica_lapses_after_its_lease()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var dead = new StoreActivityDeduplicator(Database.Open(), clock);
        var alive = new StoreActivityDeduplicator(Database.Open(), clock);
        var orphan = await dead.ClaimAsync("conv", "msg", Token);
        Assert.True((await alive.ClaimAsync("conv", "msg", Token)).IsDuplicate);

        clock.Advance(StoreActivityDeduplicator.RunningLease + TimeSpan.FromSeconds(1));
        var retaken = await alive.ClaimAsync("conv", "msg", Token);

        Assert.False(retaken.IsDuplicate);
        // The dead replica's late completion must not overwrite the new owner's row.
        orphan.Complete(new InvokeResponse(500));
        retaken.Complete(new InvokeResponse(200, new { ok = true }));
        var outcome = await (await dead.ClaimAsync("conv", "msg", Token)).EarlierOutcome.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal(200, outcome.InvokeResponse!.Status);
    }
}
