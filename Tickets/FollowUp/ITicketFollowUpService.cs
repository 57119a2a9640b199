namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// Reading and updating tickets the bot filed, always on behalf of one owner (an Entra object id):
/// a ticket that does not carry the owner's label is treated exactly like one that does not exist.
/// </summary>
/// <remarks>Every method throws <see cref="TicketException"/> when the backend fails (down, slow, refused).</remarks>
public interface ITicketFollowUpService
{
    /// <summary>The owner's tickets in the configured project: open first, newest first, at most <paramref name="max"/>.</summary>
    Task<TicketPage> FindMineAsync(string ownerObjectId, int max, CancellationToken cancellationToken) =>
        FindMineAsync(ownerObjectId, TicketCursor.First, max, cancellationToken);

    /// <summary>
    /// The page of the owner's tickets that starts at <paramref name="from"/> (a page's <see cref="TicketPage.Next"/>),
    /// in the same order: page after page shows each ticket once, none skipped, while the tickets stay as they are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The cursor is not <see cref="TicketCursor.IsWithinLimits"/>.</exception>
    Task<TicketPage> FindMineAsync(string ownerObjectId, TicketCursor from, int max, CancellationToken cancellationToken);

    /// <summary>The ticket with its latest comments, or null when it does not exist, is in another project or is not the owner's.</summary>
    Task<TrackedTicket?> GetMineAsync(string issueKey, string ownerObjectId, CancellationToken cancellationToken);

    /// <summary>Adds a comment saying who wrote it; null when the ticket is not the owner's.</summary>
    Task<TicketComment?> AddCommentAsync(string issueKey, string ownerObjectId, string authorName, string text, CancellationToken cancellationToken);

    /// <summary>Moves the ticket to Done with the comment; null when the ticket is not the owner's.</summary>
    Task<TransitionResult?> ResolveAsync(string issueKey, string ownerObjectId, string authorName, string comment, CancellationToken cancellationToken);

    /// <summary>Reopens a Done ticket with the comment; null when the ticket is not the owner's.</summary>
    Task<TransitionResult?> ReopenAsync(string issueKey, string ownerObjectId, string authorName, string comment, CancellationToken cancellationToken);

    /// <summary>Every ticket of the bot updated at or after <paramref name="since"/> (all pages), for change notifications.</summary>
    Task<IReadOnlyList<TrackedTicket>> FindUpdatedSinceAsync(DateTimeOffset since, int max, CancellationToken cancellationToken);
}
