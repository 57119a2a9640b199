using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using TeamsItBot.McpAtlassianContract;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// The follow-up tools of the double with mcp-atlassian 0.23.1's shapes: jira_search with Cloud
/// paging (total -1, next_page_token) or Server/DC paging (start_at, total), jira_get_issue with comments, jira_add_comment (author a
/// string, Python timestamp), jira_get_transitions (numeric ids, no to_status) and
/// jira_transition_issue (ids only). Statuses follow Jira's simple workflow; agents act through
/// <see cref="AgentComment"/>, <see cref="SetStatus"/> and <see cref="Assign"/>.
/// </summary>
public sealed partial class McpAtlassianDouble
{
    public const string BotDisplayName = "IT Bot";

    private static readonly (string Status, string Category)[] Statuses = [("To Do", "To Do"), ("In Progress", "In Progress"), ("Done", "Done")];
    private readonly ConcurrentDictionary<string, List<JsonObject>> _comments = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _updated = new();
    private readonly Lock _issueLock = new();
    private int _nextComment = 10050;

    /// <summary>When false, the workflow offers no transition to Done (a locked-down project).</summary>
    public bool AllowDone { get; set; } = true;

    /// <summary>
    /// jira_search as on Server/DC: start_at honoured, at most 50 a page, Jira's total, no page token.
    /// False (the default): as on Cloud, start_at ignored, total -1, next_page_token while more remain.
    /// </summary>
    public bool ServerSearch { get; set; }

    /// <summary>jira_search ignores the JQL's label clauses (a backend the bot must not trust to keep owners apart).</summary>
    public bool SearchIgnoresLabels { get; set; }

    /// <summary>When set, jira_transition_issue answers with this error (Jira refusing the move).</summary>
    public string? TransitionError { get; set; }

    /// <summary>Labels of one issue.</summary>
    public IReadOnlyList<string> LabelsOf(string key) =>
        [.. _issues[key]["labels"]!.AsArray().Select(l => l!.GetValue<string>())];

    public string StatusOf(string key) => _issues[key]["status"]!["name"]!.GetValue<string>();

    public IReadOnlyList<string> CommentBodies(string key) =>
        _comments.TryGetValue(key, out var list) ? [.. list.Select(c => c["body"]!.GetValue<string>())] : [];

    /// <summary>Files an issue as another client would (not through the bot), with <paramref name="labels"/>.</summary>
    public string AddIssue(string summary, params string[] labels)
    {
        var result = CreateIssue(new Dictionary<string, JsonElement>
        {
            ["project_key"] = JsonSerializer.SerializeToElement(ProjectKey),
            ["summary"] = JsonSerializer.SerializeToElement(summary),
            ["issue_type"] = JsonSerializer.SerializeToElement("Task"),
            ["additional_fields"] = JsonSerializer.SerializeToElement(new JsonObject { ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)l)]) }.ToJsonString()),
        });
        return JsonNode.Parse(((TextContentBlock)result.Content[0]).Text)!["issue"]!["key"]!.GetValue<string>();
    }

    public void AgentComment(string key, string author, string body)
    {
        lock (_issueLock) AppendComment(key, author, body);
    }

    public void SetStatus(string key, string status)
    {
        var category = Statuses.First(s => s.Status == status).Category;
        lock (_issueLock)
        {
            _issues[key]["status"] = McpAtlassianShapes.Status(status, category, "yellow");
            Touch(key);
        }
    }

    public void Assign(string key, string displayName)
    {
        lock (_issueLock)
        {
            _issues[key]["assignee"] = McpAtlassianShapes.User("5b10ac8d82e05b22cc7d4ef6", displayName);
            Touch(key);
        }
    }

    [GeneratedRegex("""statusCategory\s*(!=|=)\s*"?Done"?""", RegexOptions.IgnoreCase)]
    private static partial Regex CategoryClause();

    [GeneratedRegex("""updated\s*>=\s*"-(\d+)m"|updated\s*>=\s*-(\d+)m""", RegexOptions.IgnoreCase)]
    private static partial Regex UpdatedClause();

    [GeneratedRegex("""project\s*=\s*"?([A-Z][A-Z0-9_]*)"?""")]
    private static partial Regex ProjectClause();

    private static string? Arg(IDictionary<string, JsonElement> arguments, string name) =>
        arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string JiraTime(DateTimeOffset time) => McpAtlassianShapes.IssueTime(time);

    private void Touch(string key)
    {
        var now = DateTimeOffset.UtcNow;
        _updated[key] = now;
        _issues[key]["updated"] = JiraTime(now);
    }

    private JsonObject AppendComment(string key, string author, string body)
    {
        var now = DateTimeOffset.UtcNow;
        var comment = new JsonObject
        {
            ["id"] = Interlocked.Increment(ref _nextComment).ToString(CultureInfo.InvariantCulture),
            ["body"] = body,
            ["author"] = McpAtlassianShapes.User(null, author),
            ["created"] = McpAtlassianShapes.CommentTime(now),
            ["updated"] = McpAtlassianShapes.CommentTime(now),
        };
        _comments.GetOrAdd(key, _ => []).Add(comment);
        Touch(key);
        return comment;
    }

    private CallToolResult SearchIssues(IDictionary<string, JsonElement> arguments)
    {
        var jql = Arg(arguments, "jql") ?? string.Empty;
        var labels = LabelClause().Matches(jql).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        var category = CategoryClause().Match(jql);
        var updated = UpdatedClause().Match(jql);
        var project = ProjectClause().Match(jql);
        var since = updated.Success
            ? DateTimeOffset.UtcNow.AddMinutes(-int.Parse(updated.Groups[1].Success ? updated.Groups[1].Value : updated.Groups[2].Value, CultureInfo.InvariantCulture))
            : (DateTimeOffset?)null;
        var limit = arguments.TryGetValue("limit", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : 10;
        var offset = Arg(arguments, "page_token") is { } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture) : 0;
        List<JsonObject> found;
        lock (_issueLock)
        {
            var query = _issues.Values
                .Where(_ => !SearchIndexLagging)
                .Where(i => SearchIgnoresLabels || labels.All(label => i["labels"]!.AsArray().Any(x => x?.GetValue<string>() == label)))
                .Where(i => !project.Success || i["key"]!.GetValue<string>().StartsWith(project.Groups[1].Value + "-", StringComparison.Ordinal))
                .Where(i => !category.Success || (i["status"]!["category"]!.GetValue<string>() == "Done") == (category.Groups[1].Value == "="))
                .Where(i => since is null || _updated.GetValueOrDefault(i["key"]!.GetValue<string>()) >= since.Value.AddSeconds(-since.Value.Second));
            var ordered = jql.Contains("ORDER BY created DESC", StringComparison.OrdinalIgnoreCase) ? query.OrderByDescending(Number)
                : jql.Contains("ORDER BY updated", StringComparison.OrdinalIgnoreCase) ? query.OrderBy(i => _updated.GetValueOrDefault(i["key"]!.GetValue<string>())).ThenBy(Number)
                : query.OrderBy(Number);
            found = [.. ordered.Select(i => (JsonObject)i.DeepClone())];
        }

        if (ServerSearch)
        {
            var startAt = arguments.TryGetValue("start_at", out var st) && st.ValueKind == JsonValueKind.Number ? st.GetInt32() : 0;
            var maxResults = Math.Min(limit, 50);
            return Success(McpAtlassianShapes.ServerSearchPage(found.Skip(startAt).Take(maxResults), startAt, maxResults, found.Count));
        }

        var page = found.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count < found.Count
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + page.Count).ToString(CultureInfo.InvariantCulture)))
            : null;
        return Success(McpAtlassianShapes.SearchPage(page, limit, next));
    }

    private static int Number(JsonObject issue) => int.Parse(issue["key"]!.GetValue<string>().Split('-')[^1], CultureInfo.InvariantCulture);

    private CallToolResult GetIssue(IDictionary<string, JsonElement> arguments)
    {
        var key = Arg(arguments, "issue_key") ?? string.Empty;
        var limit = arguments.TryGetValue("comment_limit", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : 10;
        lock (_issueLock)
        {
            if (!_issues.TryGetValue(key, out var issue))
            {
                return McpAtlassianResults.ToolError(McpAtlassianTools.GetIssue, McpAtlassianShapes.IssueNotFound(key));
            }

            var copy = (JsonObject)issue.DeepClone();
            copy["browse_url"] = McpAtlassianShapes.BrowseUrl(SiteUrl, key);
            copy.Remove("url");
            var wantsComments = (Arg(arguments, "fields") is not { } fields || fields.Split(',').Contains("comment")) && limit > 0;
            if (wantsComments)
            {
                copy["comments"] = new JsonArray([.. _comments.GetValueOrDefault(key, []).TakeLast(limit).Select(c => c.DeepClone())]);
            }

            return Success(copy);
        }
    }

    private CallToolResult AddComment(IDictionary<string, JsonElement> arguments)
    {
        var key = Arg(arguments, "issue_key") ?? string.Empty;
        var body = Arg(arguments, "body");
        if (string.IsNullOrEmpty(body)) return McpAtlassianResults.FieldRequired(McpAtlassianTools.AddComment, "body");
        lock (_issueLock)
        {
            if (!_issues.ContainsKey(key)) return Error($"Error calling tool 'add_comment': Error adding comment: Issue Does Not Exist");
            var comment = AppendComment(key, BotDisplayName, body);
            return Success(McpAtlassianShapes.CommentAdded(comment["id"]!.GetValue<string>(), body, BotDisplayName, DateTimeOffset.UtcNow));
        }
    }

    private JsonArray TransitionsFor(string status)
    {
        var offered = status switch
        {
            "To Do" => new List<JsonNode?> { Transition(21, "Start Progress"), Transition(31, "Done") },
            "In Progress" => [Transition(11, "Stop Progress"), Transition(31, "Done")],
            _ => [Transition(41, "Reopen")],
        };
        if (!AllowDone) offered.RemoveAll(t => t!["name"]!.GetValue<string>() == "Done");
        return new JsonArray([.. offered]);
    }

    private static JsonObject Transition(int id, string name) => McpAtlassianShapes.Transition(id, name);

    private CallToolResult GetTransitions(IDictionary<string, JsonElement> arguments)
    {
        var key = Arg(arguments, "issue_key") ?? string.Empty;
        lock (_issueLock)
        {
            return _issues.TryGetValue(key, out var issue)
                ? Success(TransitionsFor(issue["status"]!["name"]!.GetValue<string>()))
                : Error($"Error calling tool 'get_transitions': Issue {key} not found.");
        }
    }

    private CallToolResult TransitionIssue(IDictionary<string, JsonElement> arguments)
    {
        var key = Arg(arguments, "issue_key") ?? string.Empty;
        if (arguments.TryGetValue("transition_id", out var raw) && raw.ValueKind != JsonValueKind.String)
        {
            return McpAtlassianResults.NotAString(McpAtlassianTools.TransitionIssue, "transition_id");
        }

        var id = Arg(arguments, "transition_id") ?? string.Empty;
        lock (_issueLock)
        {
            if (!_issues.TryGetValue(key, out var issue)) return Error($"Error calling tool 'transition_issue': Issue {key} not found.");
            if (TransitionError is { } refused) return Error($"Error calling tool 'transition_issue': {refused}");
            var offered = TransitionsFor(issue["status"]!["name"]!.GetValue<string>()).Select(t => t!["id"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture));
            if (!offered.Contains(id)) return Error($"Error calling tool 'transition_issue': Transition id '{id}' is not valid for this issue.");
            var target = id switch { "21" => "In Progress", "31" => "Done", _ => "To Do" };
            issue["status"] = McpAtlassianShapes.Status(target, Statuses.First(s => s.Status == target).Category, "green");
            Touch(key);
            if (Arg(arguments, "comment") is { Length: > 0 } comment) AppendComment(key, BotDisplayName, comment);
            var copy = (JsonObject)issue.DeepClone();
            copy["browse_url"] = McpAtlassianShapes.BrowseUrl(SiteUrl, key);
            return Success(McpAtlassianShapes.IssueTransitioned(key, copy));
        }
    }
}
