using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TeamsItBot.Tickets;

/// <summary>The jira_create_issue arguments exactly as mcp-atlassian expects them (all strings).</summary>
internal static partial class TicketArguments
{
    [GeneratedRegex("^[A-Z][A-Z0-9_]+-[0-9]+$")]
    internal static partial Regex IssueKeyPattern();

    public static Dictionary<string, object?> Build(TicketDraft draft, TicketOptions options, JsonObject? reporter = null)
    {
        var fields = draft.Fields;
        var arguments = new Dictionary<string, object?>
        {
            ["project_key"] = options.ProjectKey,
            ["summary"] = JiraTicketFormat.Summary(draft),
            ["issue_type"] = Pick(fields?.IssueType, options.IssueType),
            ["description"] = JiraTicketFormat.Description(draft, options.EffectiveFlavor),
        };

        // A topic's components replace the default list; mcp-atlassian takes them comma-separated.
        var componentNames = fields?.Components is { Count: > 0 } topicComponents
            ? topicComponents
            : (options.Components ?? string.Empty).Split(',');
        var components = string.Join(",", componentNames.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal));
        if (components.Length > 0)
        {
            arguments["components"] = components;
        }

        // mcp-atlassian wants a JSON *string* here, and an empty one is an error: omit instead.
        var additional = new JsonObject();
        if (Pick(fields?.Priority, options.Priority) is { Length: > 0 } priority)
        {
            additional["priority"] = new JsonObject { ["name"] = priority };
        }

        // Global labels tag every bot ticket, so a topic's labels come on top of them. The draft label is
        // how a retry finds a ticket an earlier, unanswered attempt made; the owner labels say whose it is.
        var labels = options.Labels.Concat(fields?.Labels ?? [])
            .Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim())
            .Append(JiraTicketFormat.DraftLabel(draft.Id)).Concat(FollowUp.TicketOwnership.LabelsFor(draft.ReporterObjectId))
            .Distinct(StringComparer.Ordinal).ToList();
        additional["labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)JsonValue.Create(l))]);
        if (reporter is not null)
        {
            additional["reporter"] = reporter.DeepClone();
        }

        arguments["additional_fields"] = additional.ToJsonString();
        return arguments;
    }

    private static string? Pick(string? topic, string? global) =>
        !string.IsNullOrWhiteSpace(topic) ? topic.Trim() : string.IsNullOrWhiteSpace(global) ? null : global.Trim();

    /// <summary>jira_search for the draft's label: at most a few, oldest first.</summary>
    public static Dictionary<string, object?> FindByDraft(string draftId, TicketOptions options) => new()
    {
        ["jql"] = $"project = \"{options.ProjectKey}\" AND labels = \"{JiraTicketFormat.DraftLabel(draftId)}\" ORDER BY created ASC",
        ["fields"] = "summary,labels",
        ["limit"] = 5,
    };
}
