namespace TeamsItBot.Insights.Dashboard;

/// <summary>
/// What the dashboard shows, computed from the events of a period. Deflection rate = problems the
/// steps solved / all problems; out-of-scope messages are not IT problems and count in neither.
/// </summary>
public sealed record DashboardReport(
    DateTimeOffset Since,
    DateTimeOffset Until,
    int Problems,
    int Solved,
    int TicketsCreated,
    IReadOnlyDictionary<ProblemOutcome, int> ByOutcome,
    double? DeflectionRate,
    IReadOnlyList<DayRow> Days,
    IReadOnlyList<GroupRow> Topics,
    IReadOnlyList<GroupRow> Languages,
    IReadOnlyList<PhrasingRow> TopUnmatched,
    int FeedbackUp,
    int FeedbackDown,
    IReadOnlyList<string> RecentComments,
    TimeSpan? MedianTimeToTicket,
    SatisfactionSummary Satisfaction)
{
    public const string NoTopic = "(no guide matched)";
    public const string NoLanguage = "(unknown)";

    public static DashboardReport Build(IReadOnlyList<OutcomeEvent> events, DateTimeOffset since, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(events);
        var problems = events.Where(e => e.Outcome is not (ProblemOutcome.OutOfScope or ProblemOutcome.TicketResolved)).ToList();
        var byOutcome = ProblemOutcomes.All.ToDictionary(o => o, o => events.Count(e => e.Outcome == o));
        var days = new List<DayRow>();
        for (var day = since.UtcDateTime.Date; day < until.UtcDateTime; day = day.AddDays(1))
        {
            var ofDay = problems.Where(e => e.Time.UtcDateTime.Date == day).ToList();
            days.Add(new DayRow(DateOnly.FromDateTime(day), ofDay.Count, Count(ofDay, ProblemOutcome.Solved), Count(ofDay, ProblemOutcome.TicketCreated)));
        }

        var ticketTimes = problems.Where(e => e.Outcome == ProblemOutcome.TicketCreated && e.Duration is not null)
            .Select(e => e.Duration!.Value).Order().ToList();
        var feedback = events.Where(e => e.Feedback is not null).ToList();
        return new DashboardReport(
            since,
            until,
            problems.Count,
            Count(problems, ProblemOutcome.Solved),
            Count(problems, ProblemOutcome.TicketCreated),
            byOutcome,
            Rate(problems),
            days,
            Group(problems, e => e.Topic ?? NoTopic),
            Group(problems, e => e.Language ?? NoLanguage),
            [.. events.Where(e => e.UnmatchedText is not null)
                .GroupBy(e => e.UnmatchedText!.Trim().ToLowerInvariant())
                .Select(g => new PhrasingRow(g.OrderByDescending(e => e.Time).First().UnmatchedText!, g.Count(), g.Max(e => e.Time)))
                .OrderByDescending(r => r.Count).ThenByDescending(r => r.LastSeen).Take(20)],
            feedback.Count(e => e.Feedback == FeedbackRating.Up),
            feedback.Count(e => e.Feedback == FeedbackRating.Down),
            [.. feedback.Where(e => e.FeedbackComment is not null).OrderByDescending(e => e.Time).Take(10).Select(e => e.FeedbackComment!)],
            Median(ticketTimes),
            SatisfactionSummary.Of(events));
    }

    private static int Count(IEnumerable<OutcomeEvent> events, ProblemOutcome outcome) => events.Count(e => e.Outcome == outcome);

    private static double? Rate(List<OutcomeEvent> problems) =>
        problems.Count == 0 ? null : (double)Count(problems, ProblemOutcome.Solved) / problems.Count;

    private static List<GroupRow> Group(IEnumerable<OutcomeEvent> problems, Func<OutcomeEvent, string> key) =>
        [.. problems.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new GroupRow(g.Key, g.Count(), Count(g, ProblemOutcome.Solved), Count(g, ProblemOutcome.TicketCreated), Rate([.. g])))
            .OrderByDescending(r => r.Problems).ThenBy(r => r.Name, StringComparer.Ordinal)];

    private static TimeSpan? Median(List<TimeSpan> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}

public sealed record DayRow(DateOnly Day, int Problems, int Solved, int Tickets)
{
    public double? DeflectionRate => Problems == 0 ? null : (double)Solved / Problems;
}

public sealed record GroupRow(string Name, int Problems, int Solved, int Tickets, double? DeflectionRate);

public sealed record PhrasingRow(string Text, int Count, DateTimeOffset LastSeen);
