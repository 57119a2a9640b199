using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.Tests.Testing;

/// <summary>The tools of the double: the mcp-atlassian schemas and result texts.</summary>
public sealed partial class McpAtlassianDouble
{
    private static readonly IList<Tool> Tools =
    [
        new()
        {
            Name = "jira_create_issue",
            Description = "Create a new Jira issue with optional Epic link or parent for subtasks.",
            InputSchema = JsonSerializer.Deserialize<JsonElement>("""
                {"type":"object","properties":{
                  "project_key":{"type":"string","description":"The JIRA project key (e.g. 'PROJ', 'DEV', 'ACV2'). Must match ^[A-Z][A-Z0-9_]+$."},
                  "summary":{"type":"string","description":"Summary/title of the issue"},
                  "issue_type":{"type":"string","description":"Issue type (e.g. 'Task', 'Bug', 'Story', 'Epic', 'Subtask')."},
                  "assignee":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null},
                  "description":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null},
                  "components":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null},
                  "additional_fields":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null}
                },"required":["project_key","summary","issue_type"]}
                """),
        },
        new()
        {
            Name = "jira_search",
            Description = "Search Jira issues using JQL (Jira Query Language).",
            InputSchema = JsonSerializer.Deserialize<JsonElement>("""
                {"type":"object","properties":{"jql":{"type":"string"},"fields":{"anyOf":[{"type":"string"},{"type":"null"}]},
                 "limit":{"type":"integer","default":10,"minimum":1,"maximum":50}},"required":["jql"]}
                """),
        },
        .. FollowUpToolList(),
    ];

    [GeneratedRegex("""labels\s*=\s*"([^"]*)"|labels\s*=\s*([^\s"]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex LabelClause();

    private CallToolResult CallTool(CallToolRequestParams request)
    {
        var arguments = request.Arguments ?? new Dictionary<string, JsonElement>();
        if (request.Name is not null && !IsEnabled(request.Name))
        {
            return Error($"Unknown tool: {request.Name}");
        }

        return request.Name switch
        {
            "jira_create_issue" => CreateIssue(arguments),
            "jira_search" => SearchIssues(arguments),
            "jira_get_issue" => GetIssue(arguments),
            "jira_add_comment" => AddComment(arguments),
            "jira_get_transitions" => GetTransitions(arguments),
            "jira_transition_issue" => TransitionIssue(arguments),
            _ => Error($"Unknown tool: {request.Name}"),
        };
    }

    private CallToolResult CreateIssue(IDictionary<string, JsonElement> arguments)
    {
        string? Arg(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        foreach (var required in new[] { "project_key", "summary", "issue_type" })
        {
            if (string.IsNullOrEmpty(Arg(required)))
            {
                return Error($"Error calling tool 'create_issue': 1 validation error for call[create_issue]\n{required}\n  Field required");
            }
        }

        if (RejectCreateWith is { } rejection)
        {
            return Error(rejection);
        }

        if (Arg("project_key") != ProjectKey)
        {
            return Error("Error calling tool 'create_issue': Specify a valid project ID or key");
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

        var number = Interlocked.Increment(ref _nextIssue);
        var id = (10000 + number).ToString(CultureInfo.InvariantCulture);
        var key = $"{ProjectKey}-{number}";
        var issue = new JsonObject
        {
            ["id"] = id,
            ["key"] = key,
            ["summary"] = Arg("summary"),
            ["description"] = Arg("description"),
            ["url"] = $"{SiteUrl}/rest/api/2/issue/{id}",
            ["status"] = new JsonObject { ["name"] = "To Do", ["category"] = "To Do", ["color"] = "blue-gray" },
            ["issue_type"] = new JsonObject { ["name"] = Arg("issue_type") },
            ["priority"] = additional["priority"]?.DeepClone() ?? new JsonObject { ["name"] = "Medium" },
            ["labels"] = additional["labels"]?.DeepClone() ?? new JsonArray(),
            ["components"] = new JsonArray([.. (Arg("components") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => (JsonNode?)new JsonObject { ["name"] = c })]),
        };
        var now = DateTimeOffset.UtcNow;
        issue["assignee"] = new JsonObject { ["display_name"] = "Unassigned" };
        issue["created"] = JiraTime(now);
        issue["updated"] = JiraTime(now);
        _updated[key] = now;
        _issues[key] = issue;
        if (CreateResultText is { } text)
        {
            return new CallToolResult { Content = [new TextContentBlock { Text = text(key) }], IsError = false };
        }

        return Success(new JsonObject { ["message"] = "Issue created successfully", ["issue"] = issue.DeepClone() });
    }

    private static CallToolResult Success(JsonObject body)
    {
        var text = body.ToJsonString();
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(new JsonObject { ["result"] = text }),
            IsError = false,
        };
    }

    private static CallToolResult Error(string text) => new() { Content = [new TextContentBlock { Text = text }], IsError = true };
}
