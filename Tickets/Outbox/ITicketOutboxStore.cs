namespace TeamsItBot.Tickets.Outbox;

/// <summary>
/// The durable queue of confirmed tickets. Every method is one atomic step in the store, so several
/// instances sharing it never both claim an item: a claim is a lease (owner + expiry), and a
/// crashed owner's items become claimable again when the lease ends.
/// </summary>
public interface ITicketOutboxStore
{
    /// <summary>Records <paramref name="item"/> unless its draft id is already there; returns the stored item.</summary>
    Task<(OutboxItem Item, bool Added)> AddIfAbsentAsync(OutboxItem item, CancellationToken cancellationToken);

    Task<OutboxItem?> GetAsync(string draftId, CancellationToken cancellationToken);

    /// <summary>Claims the item for sending if it is pending (or sending under an expired lease) and due.</summary>
    Task<OutboxItem?> TryClaimAsync(string draftId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> due, unleased items: those to send (their attempt count goes
    /// up and they become <see cref="OutboxStatus.Sending"/>) and finished ones whose notice is pending.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the mutable fields of a claimed item if <paramref name="owner"/> still holds its lease, or,
    /// for a <see cref="OutboxStatus.Created"/> item, if it is not recorded as created yet (a ticket that
    /// exists is never forgotten). False when nothing was written.
    /// </summary>
    Task<bool> UpdateAsync(OutboxItem item, string owner, CancellationToken cancellationToken);

    /// <summary>A given-up, unleased item confirmed again: pending from <paramref name="now"/>, with a fresh give-up clock.</summary>
    Task<bool> RearmAsync(string draftId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes up to <paramref name="max"/> settled items (created or given up, no notice
    /// pending, not leased at <paramref name="now"/>) last changed before <paramref name="settledBefore"/>.
    /// Pending and sending items are never deleted. Returns how many were deleted; fewer than
    /// <paramref name="max"/> means none are left.
    /// </summary>
    Task<int> DeleteSettledAsync(DateTimeOffset settledBefore, DateTimeOffset now, int max, CancellationToken cancellationToken);
}
