using TeamsItBot.Framework.State;

namespace TeamsItBot.Tests.Framework.State;

public sealed class KeyedLockTests
{
    [Fact]
    public async Task Holders_of_one_key_run_one_at_a_time_and_other_keys_do_not_wait()
    {
        var locks = new KeyedLock();
        var inside = 0;
        var maxInside = 0;

        async Task HoldAsync(string key)
        {
            using var _ = await locks.AcquireAsync(key, TestContext.Current.CancellationToken);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Delay(5, TestContext.Current.CancellationToken);
            Interlocked.Decrement(ref inside);
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => HoldAsync("conv-a"), TestContext.Current.CancellationToken)));
        Assert.Equal(1, maxInside);

        using var held = await locks.AcquireAsync("conv-a", TestContext.Current.CancellationToken);
        var other = locks.AcquireAsync("conv-b", TestContext.Current.CancellationToken);
        Assert.True(other.IsCompletedSuccessfully, "another conversation must not wait");
        (await other).Dispose();
    }

    [Fact]
    public async Task Unused_keys_are_forgotten()
    {
        var locks = new KeyedLock();
        for (var i = 0; i < 100; i++)
        {
            using var _ = await locks.AcquireAsync($"conv-{i}", TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_lock_usable()
    {
        var locks = new KeyedLock();
        var held = await locks.AcquireAsync("conv", TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAsync("conv", cancel.Token));
        held.Dispose();

        using var again = await locks.AcquireAsync("conv", TestContext.Current.CancellationToken);
        Assert.Equal(1, locks.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
