namespace TeamsItBot.LocalTracker;

/// <summary>One issue of the local tracker.</summary>
public sealed record LocalIssue(
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
    DateTimeOffset Created);

/// <summary>What jira_create_issue supplies; the store adds id, key, status and time.</summary>
public sealed record NewLocalIssue(
    string Project,
    string Summary,
    string? Description,
    string IssueType,
    string? Priority,
    string? Assignee,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Components);

/// <summary>A conjunction of equality conditions, the JQL subset the tracker understands.</summary>
public sealed record LocalIssueQuery(string? Project, IReadOnlyList<string> Labels, string? Key, string? Status, string? IssueType);
