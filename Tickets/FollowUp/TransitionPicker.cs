namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// Picks the transition for "close" and "reopen". mcp-atlassian 0.23.1 lists transitions without
/// their target status (only id and name), so when no target category is given the transition's
/// name decides, against the usual names of Jira's default workflows.
/// </summary>
public static class TransitionPicker
{
    private static readonly string[] DoneNames = ["Done", "Resolve", "Resolve Issue", "Resolved", "Close", "Close Issue", "Closed", "Complete", "Mark as done"];
    private static readonly string[] ReopenNames = ["Reopen", "Reopen Issue", "Reopened", "Back to To Do", "To Do", "Open", "Back to open"];

    /// <summary>The configured one (name or id) when set; otherwise the first to a Done-category status.</summary>
    public static TicketTransition? Resolve(IReadOnlyList<TicketTransition> transitions, string? configured)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (!string.IsNullOrWhiteSpace(configured)) return Named(transitions, configured);
        return transitions.FirstOrDefault(t => string.Equals(t.ToCategory, "Done", StringComparison.OrdinalIgnoreCase))
            ?? transitions.FirstOrDefault(t => t.ToCategory is null && (IsOneOf(t.ToStatus, DoneNames) || IsOneOf(t.Name, DoneNames)));
    }

    /// <summary>The configured one, or one to a To Do status, or the usual reopen names.</summary>
    public static TicketTransition? Reopen(IReadOnlyList<TicketTransition> transitions, string? configured)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        return (string.IsNullOrWhiteSpace(configured) ? null : Named(transitions, configured))
            ?? transitions.FirstOrDefault(t => string.Equals(t.ToCategory, "To Do", StringComparison.OrdinalIgnoreCase))
            ?? ReopenNames.Select(n => transitions.FirstOrDefault(t => t.ToCategory is null && IsOneOf(t.Name, [n]))).FirstOrDefault(t => t is not null);
    }

    private static TicketTransition? Named(IReadOnlyList<TicketTransition> transitions, string configured) =>
        transitions.FirstOrDefault(t => t.Id == configured.Trim())
        ?? transitions.FirstOrDefault(t => string.Equals(t.Name, configured.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool IsOneOf(string? value, string[] names) =>
        value is not null && names.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);
}
