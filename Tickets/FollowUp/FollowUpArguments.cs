using System.Globalization;
using System.Text.RegularExpressions;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>The follow-up tools' arguments exactly as mcp-atlassian 0.23.1 takes them.</summary>
public static partial class FollowUpArguments
{
    public const string ListFields = "summary,status,assignee,labels,created,updated";
    public const string DetailFields = "summary,status,assignee,labels,created,updated,comment";
    public const int DetailComments = 5;

    [GeneratedRegex("^[A-Z][A-Z0-9_]+-[1-9][0-9]{0,9}$")]
    private static partial Regex IssueKey();

    /// <summary>True when <paramref name="key"/> is a well-formed key of <paramref name="projectKey"/>.</summary>
    public static bool IsProjectKey(string? key, string projectKey) =>
        key is not null && IssueKey().IsMatch(key) && key.StartsWith(projectKey + "-", StringComparison.Ordinal);

    /// <summary>jira_search's limit: at most 50 (Server/DC's cap; the tool's description says 1-50).</summary>
    public const int MaxSearchLimit = 50;

    /// <summary>The owner's open (or done) tickets, newest first; <paramref name="pageToken"/> (Cloud) or <paramref name="startAt"/> (Server/DC) for later pages.</summary>
    public static Dictionary<string, object?> MyTickets(string projectKey, string ownerObjectId, bool done, int limit, string? pageToken = null, int startAt = 0) =>
        Paged(new()
        {
            ["jql"] = $"project = \"{projectKey}\" AND labels = \"{TicketOwnership.UserLabel(ownerObjectId)}\" AND statusCategory {(done ? "=" : "!=")} Done ORDER BY created DESC",
            ["fields"] = ListFields,
            ["limit"] = limit,
        }, pageToken, startAt);

    /// <summary>
    /// Tickets of the bot updated in the last <paramref name="minutes"/> minutes. A relative date, because
    /// an absolute one would be read in the Jira account's time zone, which the bot does not know.
    /// </summary>
    public static Dictionary<string, object?> UpdatedSince(string projectKey, int minutes, int limit, string? pageToken, int startAt) =>
        Paged(new()
        {
            ["jql"] = string.Create(CultureInfo.InvariantCulture,
                $"project = \"{projectKey}\" AND labels = \"{TicketOwnership.TrackedLabel}\" AND updated >= \"-{minutes}m\" ORDER BY updated ASC"),
            ["fields"] = ListFields,
            ["limit"] = limit,
        }, pageToken, startAt);

    private static Dictionary<string, object?> Paged(Dictionary<string, object?> arguments, string? pageToken, int startAt)
    {
        if (pageToken is not null) arguments["page_token"] = pageToken;
        if (startAt > 0) arguments["start_at"] = startAt;
        return arguments;
    }

    public static Dictionary<string, object?> GetIssue(string key) => new()
    {
        ["issue_key"] = key,
        ["fields"] = DetailFields,
        ["comment_limit"] = DetailComments,
    };

    public static Dictionary<string, object?> AddComment(string key, string body) => new() { ["issue_key"] = key, ["body"] = body };

    public static Dictionary<string, object?> GetTransitions(string key) => new() { ["issue_key"] = key };

    /// <summary>transition_id is a string of digits at 0.23.1 (a name is not accepted).</summary>
    public static Dictionary<string, object?> Transition(string key, string transitionId, string comment) => new()
    {
        ["issue_key"] = key,
        ["transition_id"] = transitionId,
        ["comment"] = comment,
    };
}
