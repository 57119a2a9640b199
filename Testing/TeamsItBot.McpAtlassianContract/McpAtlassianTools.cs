using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.McpAtlassianContract;

/// <summary>
/// The Jira tools of mcp-atlassian 0.23.1 as its tools/list shows them (../shared/docs/mcp-atlassian-tools.md):
/// the <c>jira_</c>-prefixed names and the input schemas, where every argument is a scalar and an
/// optional <c>T | None</c> is a plain <c>{"type": T}</c>. A double serves the subset it implements
/// through <see cref="Select"/>, so a schema is written here once.
/// </summary>
public static class McpAtlassianTools
{
    public const string CreateIssue = "jira_create_issue";
    public const string Search = "jira_search";
    public const string GetIssue = "jira_get_issue";
    public const string AddComment = "jira_add_comment";
    public const string GetTransitions = "jira_get_transitions";
    public const string TransitionIssue = "jira_transition_issue";
    public const string GetUserProfile = "jira_get_user_profile";
    public const string UpdateIssue = "jira_update_issue";

    private const string IssueKey = "\"issue_key\":{\"type\":\"string\",\"description\":\"Jira issue key (e.g. 'PROJ-123')\"}";

    private static readonly (string Name, string Description, string Schema)[] Definitions =
    [
        (CreateIssue, "Create a new Jira issue with optional Epic link or parent for subtasks.", """
            {"type":"object","properties":{
              "project_key":{"type":"string","description":"The JIRA project key (e.g. 'PROJ', 'DEV', 'ACV2'). Must match ^[A-Z][A-Z0-9_]+$."},
              "summary":{"type":"string","description":"Summary/title of the issue"},
              "issue_type":{"type":"string","description":"Issue type (e.g. 'Task', 'Bug', 'Story', 'Epic', 'Subtask')."},
              "assignee":{"type":"string","description":"(Optional) Assignee's user identifier (string): Email, display name, or account ID"},
              "description":{"type":"string","description":"Issue description in Markdown format"},
              "components":{"type":"string","description":"(Optional) Comma-separated list of component names"},
              "additional_fields":{"type":"string","description":"(Optional) JSON string of additional fields, e.g. {\"priority\":{\"name\":\"High\"},\"labels\":[\"x\"]}"}
            },"required":["project_key","summary","issue_type"]}
            """),
        (Search, "Search Jira issues using JQL (Jira Query Language).", """
            {"type":"object","properties":{
              "jql":{"type":"string","description":"JQL query string"},
              "fields":{"type":"string","description":"(Optional) Comma-separated fields to return; '*all' for all fields"},
              "limit":{"type":"integer","description":"Maximum number of results (1-50)","default":10,"minimum":1},
              "start_at":{"type":"integer","description":"Starting index for pagination (0-based)","default":0,"minimum":0},
              "projects_filter":{"type":"string","description":"(Optional) Comma-separated list of project keys to filter results by"},
              "expand":{"type":"string","description":"(Optional) Fields to expand, e.g. 'renderedFields', 'changelog'"},
              "page_token":{"type":"string","description":"(Optional) Pagination token from a previous search (Cloud)"},
              "use_display_names":{"type":"boolean","default":false}
            },"required":["jql"]}
            """),
        (GetIssue, "Get details of a specific Jira issue including its Epic links and relationship information.", $$"""
            {"type":"object","properties":{
              {{IssueKey}},
              "fields":{"type":"string","description":"(Optional) Comma-separated list of fields to return; '*all' for all fields"},
              "expand":{"type":"string","description":"(Optional) Fields to expand"},
              "comment_limit":{"type":"integer","description":"Maximum number of comments to include (0 for no comments)","default":10,"minimum":0,"maximum":100},
              "properties":{"type":"string","description":"(Optional) Comma-separated list of issue properties to return"},
              "update_history":{"type":"boolean","default":true},
              "include":{"type":"string","description":"(Optional) Comma-separated extras: all, remote_links, transitions, watchers, changelog, comments, worklogs"},
              "use_display_names":{"type":"boolean","default":false}
            },"required":["issue_key"]}
            """),
        (AddComment, "Add a comment to a Jira issue.", $$"""
            {"type":"object","properties":{
              {{IssueKey}},
              "body":{"type":"string","description":"Comment text in Markdown format"},
              "visibility":{"type":"string","description":"(Optional) Comment visibility as a JSON string, e.g. {\"type\":\"group\",\"value\":\"jira-users\"}"},
              "public":{"type":"boolean","description":"(Optional) Jira Service Management only: whether the comment is visible to the customer"}
            },"required":["issue_key","body"]}
            """),
        (GetTransitions, "Get available status transitions for a Jira issue.", $$"""
            {"type":"object","properties":{{{IssueKey}}},"required":["issue_key"]}
            """),
        (TransitionIssue, "Transition a Jira issue to a new status.", $$"""
            {"type":"object","properties":{
              {{IssueKey}},
              "transition_id":{"type":"string","description":"ID of the transition to perform (use jira_get_transitions to list them)"},
              "fields":{"type":"string","description":"(Optional) JSON string of fields to update during the transition"},
              "comment":{"type":"string","description":"(Optional) Comment to add during the transition, in Markdown"}
            },"required":["issue_key","transition_id"]}
            """),
        (GetUserProfile, "Retrieve profile information for a specific Jira user.", """
            {"type":"object","properties":{
              "user_identifier":{"type":"string","description":"Identifier for the user (e.g., email address 'user@example.com', username 'johndoe', account ID 'accountid:...', or key for Server/DC)."}
            },"required":["user_identifier"]}
            """),
        (UpdateIssue, "Update an existing Jira issue including changing status, adding Epic links, updating fields, etc.", $$"""
            {"type":"object","properties":{
              {{IssueKey}},
              "fields":{"type":"string","description":"JSON string of fields to update, '{}' when only attachments change"},
              "additional_fields":{"type":"string","description":"(Optional) JSON string of additional fields, merged over fields"},
              "components":{"type":"string","description":"(Optional) Comma-separated list of component names"},
              "attachments":{"type":"string","description":"(Optional) JSON array string or comma-separated list of file paths on the server"},
              "return_fields":{"type":"string","description":"(Optional) Comma-separated fields to return","default":"*all"}
            },"required":["issue_key","fields"]}
            """),
    ];

    /// <summary>Every Jira tool of the contract, in mcp-atlassian's order of the tables above.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Definitions.Select(d => d.Name)];

    /// <summary>Fresh <see cref="Tool"/> objects for <paramref name="names"/> (a double may hand them out as it likes).</summary>
    public static IList<Tool> Select(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return [.. names.Select(Tool)];
    }

    /// <summary>One tool of the contract; an unknown name is a mistake in the double, not a tool of its own.</summary>
    public static Tool Tool(string name)
    {
        var definition = Definitions.FirstOrDefault(d => d.Name == name);
        if (definition.Name is null)
        {
            throw new ArgumentException($"{name} is not a tool of mcp-atlassian 0.23.1's contract (add it to {nameof(McpAtlassianTools)} first)", nameof(name));
        }

        return new Tool
        {
            Name = definition.Name,
            Description = definition.Description,
            InputSchema = JsonSerializer.Deserialize<JsonElement>(definition.Schema),
        };
    }
}
