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
        ["status"] = new JsonObject { ["name"] = issue.Status, ["category"] = "To Do" },
        ["issue_type"] = new JsonObject { ["name"] = issue.IssueType },
        ["priority"] = issue.Priority is null ? null : new JsonObject { ["name"] = issue.Priority },
        ["assignee"] = issue.Assignee is null ? null : new JsonObject { ["display_name"] = issue.Assignee },
        ["labels"] = new JsonArray([.. issue.Labels.Select(l => (JsonNode?)JsonValue.Create(l))]),
        ["components"] = new JsonArray([.. issue.Components.Select(c => (JsonNode?)new JsonObject { ["name"] = c })]),
        ["created"] = issue.Created.ToString("O", CultureInfo.InvariantCulture),
        ["project"] = new JsonObject { ["key"] = issue.Project },
    };
}
