using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using TeamsItBot.McpAtlassianContract;

namespace TeamsItBot.Tests.Testing;

/// <summary>The tools of the double: what each does, answered in the contract's shapes.</summary>
public sealed partial class McpAtlassianDouble
{
    /// <summary>The tools this double implements, with the contract's schemas (ENABLED_TOOLS narrows them).</summary>
    private static readonly IList<Tool> Tools = McpAtlassianTools.Select(
        McpAtlassianTools.CreateIssue, McpAtlassianTools.GetUserProfile, McpAtlassianTools.Search, McpAtlassianTools.GetIssue,
        McpAtlassianTools.AddComment, McpAtlassianTools.GetTransitions, McpAtlassianTools.TransitionIssue, McpAtlassianTools.UpdateIssue);

    [GeneratedRegex("""labels\s*=\s*"([^"]*)"|labels\s*=\s*([^\s"]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex LabelClause();

    private CallToolResult CallTool(CallToolRequestParams request)
    {
        var arguments = request.Arguments ?? new Dictionary<string, JsonElement>();
        if (request.Name is not null && !IsEnabled(request.Name))
        {
            return McpAtlassianResults.UnknownTool(request.Name);
        }

        return request.Name switch
        {
            "jira_create_issue" => CreateIssue(arguments),
            "jira_search" => SearchIssues(arguments),
            "jira_get_issue" => GetIssue(arguments),
            "jira_add_comment" => AddComment(arguments),
            "jira_get_transitions" => GetTransitions(arguments),
            "jira_transition_issue" => TransitionIssue(arguments),
            "jira_get_user_profile" => UserProfile(arguments),
            "jira_update_issue" => UpdateIssue(arguments),
            "jira_upload_attachment" when OfferBase64Upload => UploadBase64(arguments),
            _ => McpAtlassianResults.UnknownTool(request.Name),
        };
    }

    private CallToolResult CreateIssue(IDictionary<string, JsonElement> arguments)
    {
        string? Arg(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        foreach (var required in new[] { "project_key", "summary", "issue_type" })
        {
            if (string.IsNullOrEmpty(Arg(required)))
            {
                return McpAtlassianResults.FieldRequired(McpAtlassianTools.CreateIssue, required);
            }
        }

        if (RejectCreateWith is { } rejection)
        {
            return Error(rejection);
        }

        if (Arg("project_key") != ProjectKey)
        {
            return McpAtlassianResults.ToolError(McpAtlassianTools.CreateIssue, McpAtlassianShapes.InvalidProject);
        }

        JsonObject additional = [];
        if (arguments.ContainsKey("additional_fields"))
        {
            try
            {
                additional = JsonNode.Parse(Arg("additional_fields") ?? string.Empty) as JsonObject
                    ?? throw new JsonException("not an object");
            }
            catch (JsonException)
            {
                return Error("Error calling tool 'create_issue': Invalid JSON in additional_fields");
            }
        }

        // mcp-atlassian forwards a {"accountId"}/{"name"} reporter as it is; Jira refuses it where the create
        // screen lacks the field (the project does not allow setting the reporter).
        if (additional["reporter"] is not null && RefuseReporter)
        {
            return Error("Error calling tool 'create_issue': Field 'reporter' cannot be set. It is not on the appropriate screen, or unknown.");
        }

        var number = Interlocked.Increment(ref _nextIssue);
        var id = (10000 + number).ToString(CultureInfo.InvariantCulture);
        var key = $"{ProjectKey}-{number}";
        var issue = new JsonObject
        {
            ["id"] = id,
            ["key"] = key,
            ["summary"] = Arg("summary"),
            ["description"] = Arg("description"),
            ["url"] = McpAtlassianShapes.RestUrl(SiteUrl, id),
            ["status"] = McpAtlassianShapes.Status("To Do", "To Do", "blue-gray"),
            ["issue_type"] = new JsonObject { ["name"] = Arg("issue_type") },
            ["priority"] = additional["priority"]?.DeepClone() ?? new JsonObject { ["name"] = "Medium" },
            ["labels"] = additional["labels"]?.DeepClone() ?? new JsonArray(),
            ["reporter"] = additional["reporter"] is JsonObject reporter
                ? Users.Values.FirstOrDefault(u => u["account_id"]?.GetValue<string>() == reporter["accountId"]?.GetValue<string>())?.DeepClone() ?? BotUser()
                : BotUser(),
            ["components"] = new JsonArray([.. (Arg("components") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => (JsonNode?)new JsonObject { ["name"] = c })]),
        };
        var now = DateTimeOffset.UtcNow;
        issue["assignee"] = McpAtlassianShapes.Unassigned();
        issue["created"] = JiraTime(now);
        issue["updated"] = JiraTime(now);
        _updated[key] = now;
        _issues[key] = issue;
        if (CreateResultText is { } text)
        {
            return SuccessText(text(key));
        }

        return Success(McpAtlassianShapes.IssueCreated((JsonObject)issue.DeepClone()));
    }

    /// <summary>jira_get_user_profile at 0.23.1: a miss is success:false in a normal result, not isError.</summary>
    private CallToolResult UserProfile(IDictionary<string, JsonElement> arguments)
    {
        var identifier = arguments.TryGetValue("user_identifier", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        if (string.IsNullOrEmpty(identifier))
        {
            return McpAtlassianResults.FieldRequired(McpAtlassianTools.GetUserProfile, "user_identifier");
        }

        return Users.TryGetValue(identifier, out var user)
            ? Success(McpAtlassianShapes.UserFound((JsonObject)user.DeepClone()))
            : Success(McpAtlassianShapes.UserNotFound(identifier));
    }

    private static JsonObject BotUser() => McpAtlassianShapes.User("557058:bot", BotDisplayName);

    private static CallToolResult Success(JsonNode body) => McpAtlassianResults.Success(body);

    private static CallToolResult SuccessText(string text) => McpAtlassianResults.SuccessText(text);

    private static CallToolResult Error(string text) => McpAtlassianResults.Error(text);
}
