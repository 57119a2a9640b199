namespace TeamsItBot.Insights;

/// <summary>How one problem an employee brought to the bot ended. Stored and exported by <see cref="ProblemOutcomes.ToWire"/>.</summary>
public enum ProblemOutcome
{
    /// <summary>The steps fixed it ("it works now"): deflected.</summary>
    Solved,

    /// <summary>A ticket was created (or queued to be created) for it.</summary>
    TicketCreated,

    /// <summary>The ticket offer was turned down.</summary>
    Declined,

    /// <summary>The employee cancelled or moved on to another problem before an answer.</summary>
    Abandoned,

    /// <summary>Not an IT problem the bot handles (set by the intent layer).</summary>
    OutOfScope,

    /// <summary>No guide matched and the employee left without an answer.</summary>
    Unmatched,

    /// <summary>
    /// Not a problem of its own: a ticket the bot filed was resolved and the employee was asked for
    /// their satisfaction (1-5), recorded on this event. Left out of the problem counts.
    /// </summary>
    TicketResolved,
}

public static class ProblemOutcomes
{
    public static IReadOnlyList<ProblemOutcome> All { get; } = Enum.GetValues<ProblemOutcome>();

    /// <summary>The stable name in the database, the CSV and the metrics (snake_case).</summary>
    public static string ToWire(this ProblemOutcome outcome) => outcome switch
    {
        ProblemOutcome.Solved => "solved",
        ProblemOutcome.TicketCreated => "ticket_created",
        ProblemOutcome.Declined => "declined",
        ProblemOutcome.Abandoned => "abandoned",
        ProblemOutcome.OutOfScope => "out_of_scope",
        ProblemOutcome.Unmatched => "unmatched",
        ProblemOutcome.TicketResolved => "ticket_resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static ProblemOutcome FromWire(string value)
    {
        foreach (var outcome in All)
        {
            if (string.Equals(outcome.ToWire(), value, StringComparison.Ordinal))
            {
                return outcome;
            }
        }

        throw new FormatException($"Unknown outcome '{value}'.");
    }
}
