namespace TeamsItBot.Tickets.Outbox;

/// <summary>The outbox for Storage__Provider=Memory: same semantics, gone on restart (development and tests).</summary>
public sealed class MemoryTicketOutboxStore : ITicketOutboxStore
{
    private readonly Dictionary<string, OutboxItem> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<(OutboxItem Item, bool Added)> AddIfAbsentAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            if (_items.TryGetValue(item.DraftId, out var existing))
            {
                return Task.FromResult((existing, false));
            }

            _items[item.DraftId] = item;
            return Task.FromResult((item, true));
        }
    }

    public Task<OutboxItem?> GetAsync(string draftId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.GetValueOrDefault(draftId));
        }
    }

    public Task<OutboxItem?> TryClaimAsync(string draftId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_items.TryGetValue(draftId, out var item) && IsSendable(item) && IsDue(item, now))
            {
                return Task.FromResult<OutboxItem?>(_items[draftId] = Claim(item, owner, now, leaseUntil));
            }

            return Task.FromResult<OutboxItem?>(null);
        }
    }

    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var due = _items.Values
                .Where(i => (IsSendable(i) || i.NotifyPending) && IsDue(i, now))
                .OrderBy(i => i.NextAttemptAt)
                .Take(max)
                .Select(i => _items[i.DraftId] = Claim(i, owner, now, leaseUntil))
                .ToList();
            return Task.FromResult<IReadOnlyList<OutboxItem>>(due);
        }
    }

    public Task<bool> UpdateAsync(OutboxItem item, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            if (!_items.TryGetValue(item.DraftId, out var stored)
                || !(stored.LeaseOwner == owner || (item.Status == OutboxStatus.Created && stored.Status != OutboxStatus.Created)))
            {
                return Task.FromResult(false);
            }

            _items[item.DraftId] = item with { Draft = stored.Draft, NotifyTarget = stored.NotifyTarget, CreatedAt = stored.CreatedAt };
            return Task.FromResult(true);
        }
    }

    public Task<bool> RearmAsync(string draftId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(draftId, out var item) || item.Status != OutboxStatus.GivenUp || item.LeaseUntil > now)
            {
                return Task.FromResult(false);
            }

            _items[draftId] = item with { Status = OutboxStatus.Pending, NextAttemptAt = now, ArmedAt = now, NotifyPending = false, UpdatedAt = now };
            return Task.FromResult(true);
        }
    }

    public Task<int> DeleteSettledAsync(DateTimeOffset settledBefore, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_gate)
        {
            var expired = _items.Values
                .Where(i => (i.Status is OutboxStatus.Created or OutboxStatus.GivenUp) && !i.NotifyPending
                    && i.UpdatedAt < settledBefore && (i.LeaseUntil is null || i.LeaseUntil <= now))
                .OrderBy(i => i.UpdatedAt)
                .Take(max)
                .Select(i => i.DraftId)
                .ToList();
            foreach (var id in expired)
            {
                _items.Remove(id);
            }

            return Task.FromResult(expired.Count);
        }
    }

    private static bool IsSendable(OutboxItem item) => item.Status is OutboxStatus.Pending or OutboxStatus.Sending;

    private static bool IsDue(OutboxItem item, DateTimeOffset now) =>
        item.NextAttemptAt <= now && (item.LeaseUntil is null || item.LeaseUntil <= now);

    private static OutboxItem Claim(OutboxItem item, string owner, DateTimeOffset now, DateTimeOffset leaseUntil) => item with
    {
        Status = item.Status == OutboxStatus.Pending ? OutboxStatus.Sending : item.Status,
        Attempts = IsSendable(item) ? item.Attempts + 1 : item.Attempts,
        LeaseOwner = owner,
        LeaseUntil = leaseUntil,
        UpdatedAt = now,
    };
}
