namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// Tickets the bot watches for changes, with where to tell the owner, kept in the database (not in
/// conversation state) so they survive restarts and are shared by replicas. The lease makes one
/// replica the poller: whoever holds it polls; it expires if that replica dies.
/// Implementations (SQLite, PostgreSQL) belong in Storage.
/// </summary>
public interface ITrackedTicketStore
{
    /// <summary>Starts tracking a ticket (no-op when already tracked); <paramref name="notifyTarget"/> is opaque to Tickets.</summary>
    Task TrackAsync(TrackedTicketState state, string ownerObjectId, string notifyTarget, CancellationToken cancellationToken);

    /// <summary>The stored states of those of <paramref name="keys"/> that are tracked.</summary>
    Task<IReadOnlyDictionary<string, TrackedTicketState>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Stores the new state only if the stored one is still <paramref name="expected"/> (compare-and-set); false when another poller won.</summary>
    Task<bool> TryAdvanceAsync(TrackedTicketState expected, TrackedTicketState updated, CancellationToken cancellationToken);

    /// <summary>The notify target of a tracked ticket, or null (not tracked, or notifications stopped after a 403).</summary>
    Task<string?> GetNotifyTargetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stops notifying a ticket's conversation (the bot was removed there).</summary>
    Task StopNotifyingAsync(string key, CancellationToken cancellationToken);

    /// <summary>Takes or renews the named lease for <paramref name="holder"/>; false while another holder's lease is live.</summary>
    Task<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>The poll watermark (last time a poll completed), or null before the first.</summary>
    Task<DateTimeOffset?> GetWatermarkAsync(CancellationToken cancellationToken);

    Task SetWatermarkAsync(DateTimeOffset watermark, CancellationToken cancellationToken);
}
