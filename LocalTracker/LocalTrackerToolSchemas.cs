using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.LocalTracker;

/// <summary>The tools as mcp-atlassian lists them (names and argument schemas), for the subset we serve.</summary>
internal static class LocalTrackerToolSchemas
{
    public static readonly IList<Tool> All =
    [
        Create("jira_create_issue", "Create a new Jira issue with optional Epic link or parent for subtasks.",
            """
            {"type":"object","properties":{
              "project_key":{"type":"string","description":"The JIRA project key (e.g. 'PROJ'). Must match ^[A-Z][A-Z0-9_]+$."},
              "summary":{"type":"string","description":"Summary/title of the issue"},
              "issue_type":{"type":"string","description":"Issue type (e.g. 'Task', 'Bug', 'Story')"},
              "assignee":{"type":"string","description":"(Optional) Assignee's user identifier"},
              "description":{"type":"string","description":"Issue description in Markdown format"},
              "components":{"type":"string","description":"(Optional) Comma-separated list of component names"},
              "additional_fields":{"type":"string","description":"(Optional) JSON string of additional fields, e.g. {\"priority\":{\"name\":\"High\"},\"labels\":[\"x\"]}"}
            },"required":["project_key","summary","issue_type"]}
            """),
        Create("jira_get_issue", "Get details of a specific Jira issue.",
            """
            {"type":"object","properties":{
              "issue_key":{"type":"string","description":"Jira issue key (e.g. 'PROJ-123')"},
              "fields":{"type":"string","description":"(Optional) Comma-separated list of fields to return"}
            },"required":["issue_key"]}
            """),
        Create("jira_search", "Search Jira issues using JQL (Jira Query Language).",
            """
            {"type":"object","properties":{
              "jql":{"type":"string","description":"JQL query string, e.g. labels = \"it-bot\" AND project = PROJ"},
              "fields":{"type":"string","description":"(Optional) Comma-separated fields to return"},
              "limit":{"type":"integer","description":"Maximum number of results (1-50)","default":10,"minimum":1,"maximum":50}
            },"required":["jql"]}
            """),
    ];

    private static Tool Create(string name, string description, string schema) => new()
    {
        Name = name,
        Description = description,
        InputSchema = JsonSerializer.Deserialize<JsonElement>(schema),
    };
}
