using System.Globalization;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// Compares a ticket as it is now with what the bot stored about it. The stored state, not the
/// search window, decides what is new: the poller's window overlaps (JQL dates have minute
/// precision in the Jira account's zone), so a ticket seen twice yields its changes only once.
/// </summary>
public static class TicketChangeDetector
{
    /// <summary>The changes since <paramref name="stored"/> and the state to store next; the bot's own comments are never reported.</summary>
    public static (IReadOnlyList<TicketChange> Changes, TrackedTicketState Next) Compare(TrackedTicketState stored, TrackedTicket current)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(current);
        var changes = new List<TicketChange>();
        // Ids name the stored state a change was found against, not the ticket's newest update: a
        // poller that found the change but died before advancing the state finds the same id again,
        // even when the ticket was updated once more meanwhile.
        if (stored.Status.Length == 0)
        {
            // Tracked when filed, first seen now: only a status past the workflow's first one is news.
            if (current.StatusCategory is not null && !string.Equals(current.StatusCategory, "To Do", StringComparison.OrdinalIgnoreCase))
            {
                changes.Add(new TicketChange($"{current.Key}:status:->{current.Status}:{Stamp(stored)}", current.Key,
                    StatusKind(current), null, current.Status));
            }
        }
        else if (!string.Equals(stored.Status, current.Status, StringComparison.Ordinal))
        {
            changes.Add(new TicketChange($"{current.Key}:status:{stored.Status}->{current.Status}:{Stamp(stored)}", current.Key,
                StatusKind(current), stored.Status, current.Status));
        }

        if (!string.Equals(stored.Assignee, current.Assignee, StringComparison.Ordinal) && current.Assignee is not null)
        {
            changes.Add(new TicketChange($"{current.Key}:assignee:{current.Assignee}:{Stamp(stored)}", current.Key,
                TicketChangeKind.Assigned, stored.Assignee, current.Assignee));
        }

        var lastComment = stored.LastCommentId;
        foreach (var comment in current.Comments)
        {
            if (!long.TryParse(comment.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= stored.LastCommentId) continue;
            lastComment = Math.Max(lastComment, id);
            if (JiraCommentFormat.IsFromBot(comment.Body)) continue;
            changes.Add(new TicketChange($"{current.Key}:comment:{comment.Id}", current.Key, TicketChangeKind.Commented, null, comment.Body, comment.Author));
        }

        return (changes, new TrackedTicketState(current.Key, current.Status, current.Assignee, lastComment, current.Updated ?? stored.Updated));
    }

    /// <summary>The state of a ticket the bot just filed or first sees: nothing before it counts as news.</summary>
    public static TrackedTicketState Baseline(TrackedTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var last = ticket.Comments.Select(c => long.TryParse(c.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).DefaultIfEmpty(0).Max();
        return new TrackedTicketState(ticket.Key, ticket.Status, ticket.Assignee, last, ticket.Updated);
    }

    private static TicketChangeKind StatusKind(TrackedTicket current) =>
        current.IsDone ? TicketChangeKind.Resolved : TicketChangeKind.StatusChanged;

    private static string Stamp(TrackedTicketState state) =>
        state.Updated?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "0";
}
