using System.Globalization;
using System.Text.Json.Nodes;

namespace TeamsItBot.LocalTracker;

/// <summary>An issue in mcp-atlassian's simplified shape.</summary>
internal static class LocalIssueJson
{
    public static JsonObject ToJson(LocalIssue issue, string baseUrl) => new()
    {
        ["id"] = issue.Id.ToString(CultureInfo.InvariantCulture),
        ["key"] = issue.Key,
        ["summary"] = issue.Summary,
        ["description"] = issue.Description,
        ["url"] = $"{baseUrl}{LocalTrackerOptions.BasePath}/rest/api/2/issue/{issue.Id}",
        ["browse_url"] = $"{baseUrl}{LocalTrackerOptions.BasePath}/browse/{issue.Key}",
        ["status"] = new JsonObject { ["name"] = issue.Status, ["category"] = LocalWorkflow.Category(issue.Status) },
        ["issue_type"] = new JsonObject { ["name"] = issue.IssueType },
        ["priority"] = issue.Priority is null ? null : new JsonObject { ["name"] = issue.Priority },
        ["assignee"] = new JsonObject { ["display_name"] = issue.Assignee ?? "Unassigned" },
        ["labels"] = new JsonArray([.. issue.Labels.Select(l => (JsonNode?)JsonValue.Create(l))]),
        ["components"] = new JsonArray([.. issue.Components.Select(c => (JsonNode?)new JsonObject { ["name"] = c })]),
        ["created"] = issue.Created.ToString("O", CultureInfo.InvariantCulture),
        ["updated"] = issue.Updated.ToString("O", CultureInfo.InvariantCulture),
        ["project"] = new JsonObject { ["key"] = issue.Project },
    };
}

/// <summary>Comments in mcp-atlassian's shapes.</summary>
internal static class LocalCommentJson
{
    /// <summary>As jira_get_issue lists it: author is a user object, Jira's raw timestamp.</summary>
    public static JsonObject InIssue(LocalComment comment) => new()
    {
        ["id"] = comment.Id.ToString(CultureInfo.InvariantCulture),
        ["body"] = comment.Body,
        ["author"] = new JsonObject { ["account_id"] = null, ["display_name"] = comment.Author, ["name"] = comment.Author, ["email"] = null, ["avatar_url"] = null },
        ["created"] = comment.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000",
        ["updated"] = comment.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000",
    };

    /// <summary>As jira_add_comment returns it: author is a display name, Python's str(datetime).</summary>
    public static JsonObject Added(LocalComment comment) => new()
    {
        ["id"] = comment.Id.ToString(CultureInfo.InvariantCulture),
        ["body"] = comment.Body,
        ["created"] = comment.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00",
        ["author"] = comment.Author,
    };
}
