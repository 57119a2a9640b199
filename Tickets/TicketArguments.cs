using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TeamsItBot.Tickets;

/// <summary>The jira_create_issue arguments exactly as mcp-atlassian expects them (all strings).</summary>
internal static partial class TicketArguments
{
    [GeneratedRegex("^[A-Z][A-Z0-9_]+-[0-9]+$")]
    internal static partial Regex IssueKeyPattern();

    public static Dictionary<string, object?> Build(TicketDraft draft, TicketOptions options)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["project_key"] = options.ProjectKey,
            ["summary"] = JiraTicketFormat.Summary(draft),
            ["issue_type"] = options.IssueType,
            ["description"] = JiraTicketFormat.Description(draft),
        };

        var components = string.Join(",", (options.Components ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (components.Length > 0)
        {
            arguments["components"] = components;
        }

        // mcp-atlassian wants a JSON *string* here, and an empty one is an error: omit instead.
        var additional = new JsonObject();
        if (!string.IsNullOrWhiteSpace(options.Priority))
        {
            additional["priority"] = new JsonObject { ["name"] = options.Priority.Trim() };
        }

        // The draft label is how a retry finds a ticket an earlier, unanswered attempt made.
        var labels = options.Labels.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim())
            .Append(JiraTicketFormat.DraftLabel(draft.Id)).Concat(FollowUp.TicketOwnership.LabelsFor(draft.ReporterObjectId))
            .Distinct(StringComparer.Ordinal).ToList();
        additional["labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)JsonValue.Create(l))]);

        arguments["additional_fields"] = additional.ToJsonString();
        return arguments;
    }

    /// <summary>jira_search for the draft's label: at most a few, oldest first.</summary>
    public static Dictionary<string, object?> FindByDraft(string draftId, TicketOptions options) => new()
    {
        ["jql"] = $"project = \"{options.ProjectKey}\" AND labels = \"{JiraTicketFormat.DraftLabel(draftId)}\" ORDER BY created ASC",
        ["fields"] = "summary,labels",
        ["limit"] = 5,
    };
}
