using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Framework.Hosting;

public sealed class MemoryActivityDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Second_claim_is_a_duplicate_that_sees_the_first_outcome()
    {
        var deduplicator = new MemoryActivityDeduplicator(_time);
        var first = await deduplicator.ClaimAsync("a:1", "m1", Token);
        var second = await deduplicator.ClaimAsync("a:1", "m1", Token);

        Assert.False(first.IsDuplicate);
        Assert.True(second.IsDuplicate);
        Assert.False(second.EarlierOutcome.IsCompleted);
        first.Complete(new InvokeResponse(200, "done"));
        var outcome = await second.EarlierOutcome;
        Assert.True(outcome.Completed);
        Assert.Equal("done", outcome.InvokeResponse?.Body);
    }

    [Fact]
    public async Task Abandoned_claim_lets_the_next_delivery_run()
    {
        var deduplicator = new MemoryActivityDeduplicator(_time);
        var first = await deduplicator.ClaimAsync("a:1", "m1", Token);
        var waiting = await deduplicator.ClaimAsync("a:1", "m1", Token);

        first.Abandon();

        Assert.False((await waiting.EarlierOutcome).Completed);
        Assert.False((await deduplicator.ClaimAsync("a:1", "m1", Token)).IsDuplicate);
    }

    [Fact]
    public async Task Claim_after_the_window_runs_again_and_old_entries_are_swept()
    {
        var deduplicator = new MemoryActivityDeduplicator(_time);
        (await deduplicator.ClaimAsync("a:1", "m1", Token)).Complete(null);
        (await deduplicator.ClaimAsync("a:1", "m2", Token)).Complete(null);

        _time.Advance(MemoryActivityDeduplicator.Window - TimeSpan.FromSeconds(1));
        Assert.True((await deduplicator.ClaimAsync("a:1", "m1", Token)).IsDuplicate);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False((await deduplicator.ClaimAsync("a:1", "m1", Token)).IsDuplicate);

        // Sweeps run at most once a minute; the next one drops the expired m2.
        _time.Advance(TimeSpan.FromMinutes(1));
        await deduplicator.ClaimAsync("a:1", "m3", Token);
        Assert.Equal(2, deduplicator.Count);
    }

    [Fact]
    public async Task Keys_differ_by_conversation_and_by_activity()
    {
        var deduplicator = new MemoryActivityDeduplicator(_time);
        await deduplicator.ClaimAsync("a:1", "m1", Token);

        Assert.False((await deduplicator.ClaimAsync("a:2", "m1", Token)).IsDuplicate);
        Assert.False((await deduplicator.ClaimAsync("a:1", "m2", Token)).IsDuplicate);
        // A separator clash must not merge keys: ("a:1|", "x") vs ("a:1", "|x").
        await deduplicator.ClaimAsync("a:1|", "x", Token);
        Assert.False((await deduplicator.ClaimAsync("a:1", "|x", Token)).IsDuplicate);
    }
}
