namespace TeamsItBot.Tickets.FollowUp;

/// <summary>What kind of change the employee hears about.</summary>
public enum TicketChangeKind
{
    StatusChanged,

    /// <summary>A status change into the Done category: the employee may be asked how it went.</summary>
    Resolved,
    Assigned,
    Commented,
}

/// <summary>One change to tell the employee; <paramref name="Id"/> is stable, so a resend is recognizable (exactly once).</summary>
public sealed record TicketChange(string Id, string Key, TicketChangeKind Kind, string? From, string To, string? Author = null);

/// <summary>
/// What the bot last saw of a ticket it tracks. <paramref name="LastCommentId"/> is Jira's numeric id
/// (ids only grow), so "newer" is a number comparison, independent of clocks and time zones.
/// </summary>
public sealed record TrackedTicketState(string Key, string Status, string? Assignee, long LastCommentId, DateTimeOffset? Updated);
