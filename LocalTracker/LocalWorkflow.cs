namespace TeamsItBot.LocalTracker;

/// <summary>One move of the workflow, with Jira's default ids.</summary>
internal sealed record LocalTransition(int Id, string Name, string To);

/// <summary>
/// Jira's simplified workflow: To Do -> In Progress -> Done, back a step, and Reopen from Done.
/// Transition names are not status names, as in Jira.
/// </summary>
internal static class LocalWorkflow
{
    public static readonly IReadOnlyList<string> Statuses = ["To Do", "In Progress", "Done"];

    public static IReadOnlyList<LocalTransition> From(string status) => status switch
    {
        "To Do" => [new(21, "Start Progress", "In Progress"), new(31, "Done", "Done")],
        "In Progress" => [new(11, "Stop Progress", "To Do"), new(31, "Done", "Done")],
        "Done" => [new(41, "Reopen", "To Do")],
        _ => [new(11, "To Do", "To Do")],
    };

    /// <summary>The status category of a status (the statuses are named after their categories).</summary>
    public static string Category(string status) => Statuses.Contains(status) ? status : "To Do";

    public static IReadOnlyList<string> StatusesIn(string category) =>
        [.. Statuses.Where(s => string.Equals(Category(s), category, StringComparison.OrdinalIgnoreCase))];
}
