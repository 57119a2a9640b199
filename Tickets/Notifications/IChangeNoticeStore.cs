namespace TeamsItBot.Tickets.Notifications;

/// <summary>
/// The durable queue of change notices. Every method is one atomic step: a claim is a lease (owner +
/// expiry), so replicas sharing the store never both send a notice, and a crashed sender's notices
/// become claimable again when its lease ends. Implementations belong in Storage.
/// </summary>
public interface IChangeNoticeStore
{
    /// <summary>Records the notice unless its id is already there (pending or settled); true when added.</summary>
    Task<bool> AddIfAbsentAsync(ChangeNotice notice, CancellationToken cancellationToken);

    Task<ChangeNotice?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="max"/> pending, due, unleased notices, oldest first; each one's attempt count goes up.</summary>
    Task<IReadOnlyList<ChangeNotice>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>Writes the state, next attempt and last error of a claimed notice and ends the lease, if <paramref name="owner"/> still holds it.</summary>
    Task<bool> SettleAsync(ChangeNotice notice, string owner, CancellationToken cancellationToken);

    /// <summary>Retention: deletes up to <paramref name="max"/> settled notices last changed before <paramref name="before"/>.</summary>
    Task<int> DeleteSettledAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
