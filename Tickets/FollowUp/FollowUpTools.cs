namespace TeamsItBot.Tickets.FollowUp;

/// <summary>The mcp-atlassian tool names the follow-up features call.</summary>
public static class FollowUpTools
{
    public const string Search = "jira_search";
    public const string GetIssue = "jira_get_issue";
    public const string AddComment = "jira_add_comment";
    public const string GetTransitions = "jira_get_transitions";
    public const string TransitionIssue = "jira_transition_issue";

    public static readonly IReadOnlyList<string> All = [GetIssue, AddComment, GetTransitions, TransitionIssue];
}
