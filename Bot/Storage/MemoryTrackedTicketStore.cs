using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Notifications;

namespace TeamsItBot.Storage;

/// <summary>Tracked tickets for Storage__Provider=Memory: same semantics, gone on restart (development and tests).</summary>
public sealed class MemoryTrackedTicketStore : ITrackedTicketStore
{
    private readonly Dictionary<string, (TrackedTicketRecord Record, DateTimeOffset ChangedAt)> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Holder, DateTimeOffset? Until, DateTimeOffset? Watermark)> _pollers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<bool> TrackAsync(TrackedTicketRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            return Task.FromResult(_tickets.TryAdd(record.State.Key, (record, now)));
        }
    }

    public Task<IReadOnlyDictionary<string, TrackedTicketRecord>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            IReadOnlyDictionary<string, TrackedTicketRecord> found = keys
                .Distinct(StringComparer.Ordinal)
                .Where(_tickets.ContainsKey)
                .ToDictionary(k => k, k => _tickets[k].Record, StringComparer.Ordinal);
            return Task.FromResult(found);
        }
    }

    public Task<bool> HasAnyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tickets.Count > 0);
        }
    }

    public Task<bool> TryAdvanceAsync(TrackedTicketState expected, TrackedTicketState updated, bool done, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(updated);
        lock (_gate)
        {
            if (!_tickets.TryGetValue(expected.Key, out var entry) || entry.Record.State != expected)
            {
                return Task.FromResult(false);
            }

            _tickets[expected.Key] = (entry.Record with { State = updated with { Key = expected.Key }, Done = done }, now);
            return Task.FromResult(true);
        }
    }

    public Task<int> StopNotifyingConversationAsync(string conversationKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stopped = _tickets.Where(t => t.Value.Record.Notifying && string.Equals(t.Value.Record.ConversationKey, conversationKey, StringComparison.Ordinal))
                .Select(t => t.Key)
                .ToList();
            foreach (var key in stopped)
            {
                _tickets[key] = (_tickets[key].Record with { Notifying = false }, now);
            }

            return Task.FromResult(stopped.Count);
        }
    }

    public Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _pollers.GetValueOrDefault(name);
            if (current.Holder is not null && current.Holder != holder && current.Until > now)
            {
                return Task.FromResult(false);
            }

            _pollers[name] = (holder, now + duration, current.Watermark);
            return Task.FromResult(true);
        }
    }

    public Task<DateTimeOffset?> GetWatermarkAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_pollers.GetValueOrDefault(name).Watermark);
        }
    }

    public Task SetWatermarkAsync(string name, DateTimeOffset watermark, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _pollers.GetValueOrDefault(name);
            _pollers[name] = (current.Holder, current.Until, watermark);
            return Task.CompletedTask;
        }
    }

    public Task<int> DeleteRetiredAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_gate)
        {
            var retired = _tickets.Where(t => (t.Value.Record.Done || !t.Value.Record.Notifying) && t.Value.ChangedAt < before)
                .OrderBy(t => t.Value.ChangedAt)
                .Take(max)
                .Select(t => t.Key)
                .ToList();
            foreach (var key in retired)
            {
                _tickets.Remove(key);
            }

            return Task.FromResult(retired.Count);
        }
    }
}
