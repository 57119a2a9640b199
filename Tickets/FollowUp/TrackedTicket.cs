namespace TeamsItBot.Tickets.FollowUp;

/// <summary>A ticket as the follow-up features see it (from jira_search or jira_get_issue).</summary>
/// <param name="StatusCategory">Jira's status category name: "To Do", "In Progress" or "Done" (may be null).</param>
/// <param name="Updated">Last update, when the backend's timestamp could be read.</param>
/// <param name="Comments">Newest last; empty when not requested.</param>
public sealed record TrackedTicket(
    string Key,
    string Summary,
    string Status,
    string? StatusCategory,
    string? Assignee,
    DateTimeOffset? Updated,
    Uri BrowseUrl,
    IReadOnlyList<string> Labels,
    IReadOnlyList<TicketComment> Comments)
{
    public bool IsDone => string.Equals(StatusCategory, "Done", StringComparison.OrdinalIgnoreCase)
        || (StatusCategory is null && Status is "Done" or "Closed" or "Resolved");
}

/// <summary>One Jira comment. <paramref name="Id"/> is Jira's numeric id as text.</summary>
public sealed record TicketComment(string Id, string Author, string Body, DateTimeOffset? Created);

/// <summary>One page of "my tickets": open ones first, each group newest first.</summary>
public sealed record TicketPage(IReadOnlyList<TrackedTicket> Tickets, bool HasMore)
{
    /// <summary>Where this page starts (<see cref="TicketCursor.First"/> for the newest tickets).</summary>
    public TicketCursor From { get; init; } = TicketCursor.First;

    /// <summary>Where the next page starts; null when this page shows the last of the tickets.</summary>
    public TicketCursor? Next { get; init; }
}

/// <summary>The outcome of a close or reopen request.</summary>
public enum TransitionOutcome
{
    /// <summary>The ticket moved (the comment went with the transition).</summary>
    Moved,

    /// <summary>Already in the wanted state; only the comment was added.</summary>
    AlreadyThere,

    /// <summary>The workflow offers no such move from the current status; the comment was added anyway.</summary>
    NotAllowed,
}

/// <summary>A transition's result with the ticket as it is now.</summary>
public sealed record TransitionResult(TransitionOutcome Outcome, TrackedTicket Ticket);
