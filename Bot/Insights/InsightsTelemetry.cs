using System.Diagnostics;
using System.Diagnostics.Metrics;
using TeamsItBot.Operations;

namespace TeamsItBot.Insights;

/// <summary>Outcome metrics on the bot's meter, so the OTLP export that sends turns sends these too.</summary>
public static class InsightsTelemetry
{
    /// <summary>Problem outcomes, tagged topic (or "none") and outcome.</summary>
    public static Counter<long> Outcomes { get; } = Telemetry.Meter.CreateCounter<long>(
        "teamsitbot.outcomes", "{problem}", "Problem outcomes by topic and outcome");

    /// <summary>Feedback answers, tagged rating (up | down).</summary>
    public static Counter<long> Feedback { get; } = Telemetry.Meter.CreateCounter<long>(
        "teamsitbot.feedback", "{answer}", "Did I help? answers");

    /// <summary>Events dropped because the writer fell behind (the queue was full) or the store failed.</summary>
    public static Counter<long> EventsDropped { get; } = Telemetry.Meter.CreateCounter<long>(
        "teamsitbot.outcomes.dropped", "{event}", "Outcome events not stored");

    public static void RecordOutcome(string? topic, ProblemOutcome outcome) =>
        Outcomes.Add(1, new TagList { { "topic", topic ?? "none" }, { "outcome", outcome.ToWire() } });
}
