using System.Globalization;
using System.Text.Json.Nodes;

namespace TeamsItBot.McpAtlassianContract;

/// <summary>
/// The JSON shapes inside mcp-atlassian 0.23.1's result texts (models/jira/*.to_simplified_dict):
/// wrappers of create/transition/update, the user object, status, Cloud and Server/DC search paging, an added
/// comment, a transition, and the three timestamp formats. Doubles fill them; the bot parses them.
/// </summary>
public static class McpAtlassianShapes
{
    /// <summary>Jira's refusal of a project key it does not know.</summary>
    public const string InvalidProject = "Specify a valid project ID or key";

    public static JsonObject IssueCreated(JsonObject issue) => new() { ["message"] = "Issue created successfully", ["issue"] = issue };

    public static JsonObject IssueUpdated(JsonObject issue) => new() { ["message"] = "Issue updated successfully", ["issue"] = issue };

    public static JsonObject IssueTransitioned(string key, JsonObject issue) => new() { ["message"] = $"Issue {key} transitioned successfully", ["issue"] = issue };

    /// <summary>jira_get_issue's 404 detail.</summary>
    public static string IssueNotFound(string key) => $"Issue {key} not found. Verify the issue key and project access.";

    /// <summary>The user object; nulls are kept inside nested objects.</summary>
    public static JsonObject User(string? accountId, string displayName, string? email = null, string? avatarUrl = null) => new()
    {
        ["account_id"] = accountId, ["display_name"] = displayName, ["name"] = displayName, ["email"] = email, ["avatar_url"] = avatarUrl,
    };

    /// <summary>The assignee when nobody is assigned.</summary>
    public static JsonObject Unassigned() => new() { ["display_name"] = "Unassigned" };

    public static JsonObject Status(string name, string category, string color) => new() { ["name"] = name, ["category"] = category, ["color"] = color };

    /// <summary>jira_get_user_profile: a hit.</summary>
    public static JsonObject UserFound(JsonObject user) => new() { ["success"] = true, ["user"] = user };

    /// <summary>jira_get_user_profile: a miss is a normal result with success false, not isError.</summary>
    public static JsonObject UserNotFound(string identifier) => new() { ["success"] = false, ["error"] = $"User '{identifier}' not found.", ["user_identifier"] = identifier };

    /// <summary>jira_search on Cloud: total -1, start_at 0, max_results the limit, next_page_token only when more exist.</summary>
    public static JsonObject SearchPage(IEnumerable<JsonObject> issues, int limit, string? nextPageToken = null)
    {
        var page = new JsonObject { ["total"] = -1, ["start_at"] = 0, ["max_results"] = limit, ["issues"] = new JsonArray([.. issues]) };
        if (nextPageToken is not null) page["next_page_token"] = nextPageToken;
        return page;
    }

    /// <summary>jira_search on Server/DC: Jira's own total, start_at and max_results, no page token.</summary>
    public static JsonObject ServerSearchPage(IEnumerable<JsonObject> issues, int startAt, int maxResults, int total) =>
        new() { ["total"] = total, ["start_at"] = startAt, ["max_results"] = maxResults, ["issues"] = new JsonArray([.. issues]) };

    /// <summary>jira_add_comment's answer: the author a display-name string, created Python's str(datetime).</summary>
    public static JsonObject CommentAdded(string id, string body, string author, DateTimeOffset created) => new()
    {
        ["id"] = id, ["body"] = body, ["created"] = PythonTime(created), ["author"] = author,
    };

    /// <summary>One of jira_get_transitions' entries: a numeric id and a name, no to_status.</summary>
    public static JsonObject Transition(int id, string name) => new() { ["id"] = id, ["name"] = name };

    public static string BrowseUrl(string siteUrl, string key) => $"{siteUrl}/browse/{key}";

    public static string RestUrl(string siteUrl, string id) => $"{siteUrl}/rest/api/2/issue/{id}";

    /// <summary>Issue created/updated: "%Y-%m-%d %H:%M:%S %Z".</summary>
    public static string IssueTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Comment created/updated: Jira's raw string.</summary>
    public static string CommentTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>Python's str(datetime) with a UTC offset.</summary>
    public static string PythonTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00";
}
