using System.Collections.Concurrent;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

/// <summary>Per-process de-duplication with a 10-minute window.</summary>
public sealed class MemoryActivityDeduplicator(TimeProvider timeProvider) : IActivityDeduplicator
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string, string), Entry> _entries = new();
    private long _nextSweepTicks;

    public Task<DeliveryClaim> ClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        SweepIfDue(now);
        var key = (conversationId, activityId);
        while (true)
        {
            var fresh = new Entry(this, key, now + Window);
            var entry = _entries.GetOrAdd(key, fresh);
            if (ReferenceEquals(entry, fresh))
            {
                return Task.FromResult<DeliveryClaim>(new Claim(entry, isDuplicate: false));
            }

            if (entry.Expires > now)
            {
                return Task.FromResult<DeliveryClaim>(new Claim(entry, isDuplicate: true));
            }

            _entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry));
        }
    }

    public int Count => _entries.Count;

    private void SweepIfDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, now.UtcTicks + TimeSpan.TicksPerMinute, next) != next)
        {
            return;
        }

        foreach (var pair in _entries)
        {
            if (pair.Value.Expires <= now)
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private sealed class Entry(MemoryActivityDeduplicator owner, (string, string) key, DateTimeOffset expires)
    {
        public DateTimeOffset Expires { get; } = expires;
        public TaskCompletionSource<DeliveryOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Remove() => owner._entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, this));
    }

    private sealed class Claim(Entry entry, bool isDuplicate) : DeliveryClaim
    {
        public override bool IsDuplicate => isDuplicate;

        public override Task<DeliveryOutcome> EarlierOutcome => entry.Outcome.Task;

        public override void Complete(InvokeResponse? response) => entry.Outcome.TrySetResult(new DeliveryOutcome(true, response));

        public override void Abandon()
        {
            entry.Remove();
            entry.Outcome.TrySetResult(new DeliveryOutcome(false, null));
        }
    }
}
