namespace TeamsItBot.Insights.Dashboard;

/// <summary>
/// The answers to the 1-5 card sent when IT resolves a ticket: how many, their mean, and how many
/// gave each score (index 0 holds the 1s). Resolutions nobody answered are not zeros.
/// </summary>
public sealed record SatisfactionSummary(int Answers, double? Average, IReadOnlyList<int> Distribution)
{
    public static SatisfactionSummary Of(IEnumerable<OutcomeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var scores = events.Where(e => e.Satisfaction is >= 1 and <= 5).Select(e => e.Satisfaction!.Value).ToList();
        var distribution = new int[5];
        foreach (var score in scores)
        {
            distribution[score - 1]++;
        }

        return new SatisfactionSummary(scores.Count, scores.Count == 0 ? null : scores.Average(), distribution);
    }
}
