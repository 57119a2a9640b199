using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tickets.Notifications;

/// <summary>
/// Tickets the bot watches for changes, with where to tell the owner, kept in the database (not in
/// conversation state) so they survive restarts and are shared by replicas. The named lease makes
/// one replica the poller: whoever holds it polls; it expires if that replica dies. Every method is
/// one atomic step in the store. Implementations (memory, SQLite, PostgreSQL) belong in Storage.
/// </summary>
public interface ITrackedTicketStore
{
    /// <summary>Starts tracking a ticket; false (and nothing changes) when it is tracked already.</summary>
    Task<bool> TrackAsync(TrackedTicketRecord record, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The records of those of <paramref name="keys"/> that are tracked.</summary>
    Task<IReadOnlyDictionary<string, TrackedTicketRecord>> GetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>True when at least one ticket is tracked (an empty store needs no poll).</summary>
    Task<bool> HasAnyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="updated"/> only if the stored state is still <paramref name="expected"/>
    /// (compare-and-set); false when another poller advanced it first.
    /// </summary>
    Task<bool> TryAdvanceAsync(TrackedTicketState expected, TrackedTicketState updated, bool done, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stops notifying every ticket of a conversation (the bot was removed there); returns how many were still notifying.</summary>
    Task<int> StopNotifyingConversationAsync(string conversationKey, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes or renews the named lease for <paramref name="holder"/>; false while another holder's lease is live.</summary>
    Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>The watermark of the named poller (where its next search starts), or null before the first poll.</summary>
    Task<DateTimeOffset?> GetWatermarkAsync(string name, CancellationToken cancellationToken);

    /// <summary>Records the watermark; the lease row of <paramref name="name"/> must exist (taken once).</summary>
    Task SetWatermarkAsync(string name, DateTimeOffset watermark, CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes up to <paramref name="max"/> tickets that are done or no longer notified and
    /// unchanged since <paramref name="before"/>; fewer than <paramref name="max"/> means none are left.
    /// </summary>
    Task<int> DeleteRetiredAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
