using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tickets.Notifications;

/// <summary>Where a change notice stands.</summary>
public enum ChangeNoticeState
{
    /// <summary>Waiting for its (next) attempt at <see cref="ChangeNotice.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The connector took it.</summary>
    Delivered,

    /// <summary>Not sent and never will be (the conversation is gone, or it kept failing); kept for de-duplication.</summary>
    Dropped,
}

/// <summary>
/// One change to tell a ticket's owner, in the durable notice outbox. Keyed by the change's stable
/// id, so a change detected twice (overlapping polls, a poller that crashed before advancing the
/// ticket's state, two replicas) is stored, and sent, once. Settled notices stay a while for that.
/// </summary>
public sealed record ChangeNotice
{
    public required string Id { get; init; }
    public required string TicketKey { get; init; }
    public TicketChangeKind Kind { get; init; }
    public string? From { get; init; }
    public required string To { get; init; }

    /// <summary>The commenter's display name (comments only).</summary>
    public string? Author { get; init; }

    public string? Summary { get; init; }
    public string? BrowseUrl { get; init; }

    /// <summary>The ticket's status when the change was seen (the card shows it).</summary>
    public string? CurrentStatus { get; init; }

    public ChangeNoticeState State { get; init; }

    /// <summary>Send attempts begun (counted when claimed).</summary>
    public int Attempts { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Admin detail of the last failure (never shown to users).</summary>
    public string? LastError { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static ChangeNotice New(TicketChange change, TrackedTicket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(ticket);
        return new()
        {
            Id = change.Id,
            TicketKey = change.Key,
            Kind = change.Kind,
            From = change.From,
            To = change.To,
            Author = change.Author,
            Summary = ticket.Summary,
            BrowseUrl = ticket.BrowseUrl.ToString(),
            CurrentStatus = ticket.Status,
            State = ChangeNoticeState.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
