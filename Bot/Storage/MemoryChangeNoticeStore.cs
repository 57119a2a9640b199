using TeamsItBot.Tickets.Notifications;

namespace TeamsItBot.Storage;

/// <summary>The notice outbox for Storage__Provider=Memory: same semantics, gone on restart.</summary>
public sealed class MemoryChangeNoticeStore : IChangeNoticeStore
{
    private readonly Dictionary<string, ChangeNotice> _notices = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<bool> AddIfAbsentAsync(ChangeNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        lock (_gate)
        {
            return Task.FromResult(_notices.TryAdd(notice.Id, notice));
        }
    }

    public Task<ChangeNotice?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_notices.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<ChangeNotice>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<ChangeNotice> claimed = [.. _notices.Values
                .Where(n => n.State == ChangeNoticeState.Pending && n.NextAttemptAt <= now && (n.LeaseUntil is null || n.LeaseUntil <= now))
                .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal)
                .Take(max)
                .Select(n => _notices[n.Id] = n with { Attempts = n.Attempts + 1, LeaseOwner = owner, LeaseUntil = leaseUntil, UpdatedAt = now })];
            return Task.FromResult(claimed);
        }
    }

    public Task<bool> SettleAsync(ChangeNotice notice, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        lock (_gate)
        {
            if (!_notices.TryGetValue(notice.Id, out var stored) || stored.LeaseOwner != owner)
            {
                return Task.FromResult(false);
            }

            _notices[notice.Id] = stored with
            {
                State = notice.State,
                NextAttemptAt = notice.NextAttemptAt,
                LastError = notice.LastError,
                LeaseOwner = null,
                LeaseUntil = null,
                UpdatedAt = notice.UpdatedAt,
            };
            return Task.FromResult(true);
        }
    }

    public Task<int> DeleteSettledAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_gate)
        {
            var settled = _notices.Values.Where(n => n.State != ChangeNoticeState.Pending && n.UpdatedAt < before)
                .OrderBy(n => n.UpdatedAt).Take(max).Select(n => n.Id).ToList();
            foreach (var id in settled)
            {
                _notices.Remove(id);
            }

            return Task.FromResult(settled.Count);
        }
    }
}
