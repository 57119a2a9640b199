namespace TeamsItBot.LocalTracker;

/// <summary>One issue of the local tracker.</summary>
internal sealed record LocalIssue(
    long Id,
    string Key,
    string Project,
    string Summary,
    string? Description,
    string IssueType,
    string? Priority,
    string? Assignee,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Components,
    string Status,
    DateTimeOffset Created,
    DateTimeOffset Updated);

/// <summary>What jira_create_issue supplies; the store adds id, key, status and time.</summary>
internal sealed record NewLocalIssue(
    string Project,
    string Summary,
    string? Description,
    string IssueType,
    string? Priority,
    string? Assignee,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Components);

/// <summary>
/// A conjunction of conditions, the JQL subset the tracker understands: equality, a status category
/// (= or !=), "updated within the last N minutes", and the order.
/// </summary>
public sealed record LocalIssueQuery(
    string? Project,
    IReadOnlyList<string> Labels,
    string? Key,
    string? Status,
    string? IssueType,
    string? StatusCategory = null,
    bool StatusCategoryNegated = false,
    int? UpdatedWithinMinutes = null,
    LocalIssueOrder Order = LocalIssueOrder.NewestFirst);

/// <summary>The orders the bot asks for.</summary>
public enum LocalIssueOrder
{
    NewestFirst,
    OldestFirst,
    LeastRecentlyUpdatedFirst,
}

/// <summary>One comment on a local issue.</summary>
internal sealed record LocalComment(long Id, string Author, string Body, DateTimeOffset Created);

/// <summary>One change of a local issue (status, comment), for the browse page.</summary>
internal sealed record LocalHistoryEntry(DateTimeOffset At, string Who, string What);
