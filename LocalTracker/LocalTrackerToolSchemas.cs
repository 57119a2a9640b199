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
              "fields":{"type":"string","description":"(Optional) Comma-separated list of fields to return"},
              "comment_limit":{"type":"integer","description":"Maximum number of comments to include (0 or null for no comments)","default":10,"minimum":0,"maximum":100},
              "include":{"type":"string","description":"(Optional) Comma-separated extras, e.g. comments"}
            },"required":["issue_key"]}
            """),
        Create("jira_add_comment", "Add a comment to a Jira issue.",
            """
            {"type":"object","properties":{
              "issue_key":{"type":"string","description":"Jira issue key (e.g. 'PROJ-123')"},
              "body":{"type":"string","description":"Comment text in Markdown format"}
            },"required":["issue_key","body"]}
            """),
        Create("jira_get_transitions", "Get available status transitions for a Jira issue.",
            """
            {"type":"object","properties":{"issue_key":{"type":"string","description":"Jira issue key (e.g. 'PROJ-123')"}},"required":["issue_key"]}
            """),
        Create("jira_transition_issue", "Transition a Jira issue to a new status.",
            """
            {"type":"object","properties":{
              "issue_key":{"type":"string","description":"Jira issue key (e.g. 'PROJ-123')"},
              "transition_id":{"type":"string","description":"ID of the transition to perform (use jira_get_transitions to list them)"},
              "fields":{"type":"string","description":"(Optional) JSON string of fields to update during the transition"},
              "comment":{"type":"string","description":"(Optional) Comment to add during the transition, in Markdown"}
            },"required":["issue_key","transition_id"]}
            """),
        Create("jira_update_issue", "Update an existing Jira issue including changing status, adding Epic links, updating fields, etc.",
            """
            {"type":"object","properties":{
              "issue_key":{"type":"string","description":"Jira issue key (e.g. 'PROJ-123')"},
              "fields":{"type":"string","description":"JSON string of fields to update, e.g. '{\"summary\": \"New title\"}'; '{}' for none"},
              "additional_fields":{"type":"string","description":"(Optional) JSON string of additional fields"},
              "components":{"type":"string","description":"(Optional) Comma-separated list of component names"},
              "attachments":{"type":"string","description":"(Optional) JSON array string or comma-separated list of file paths to attach"},
              "return_fields":{"type":"string","description":"(Optional) Fields to return, '*all' by default"}
            },"required":["issue_key","fields"]}
            """),
        Create("jira_search", "Search Jira issues using JQL (Jira Query Language).",
            """
            {"type":"object","properties":{
              "jql":{"type":"string","description":"JQL query string, e.g. labels = \"it-bot\" AND project = PROJ"},
              "fields":{"type":"string","description":"(Optional) Comma-separated fields to return"},
              "limit":{"type":"integer","description":"Maximum number of results (1-50)","default":10,"minimum":1,"maximum":50},
              "start_at":{"type":"integer","description":"Starting index for pagination (0-based)","default":0,"minimum":0},
              "page_token":{"type":"string","description":"(Optional) Pagination token from a previous search"}
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
