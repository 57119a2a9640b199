using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TeamsItBot.Operations;

/// <summary>
/// The host's own traces and metrics (turns), under the name "TeamsItBot". Parts keep theirs beside
/// their code (<see cref="TeamsItBot.Tickets.TicketTelemetry"/>). Static because instruments are process-wide.
/// </summary>
public static class Telemetry
{
    public const string Name = "TeamsItBot";

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Turns handled, tagged activity.type, channel and outcome (ok | error | cancelled).</summary>
    public static Counter<long> Turns { get; } = Meter.CreateCounter<long>(
        "teamsitbot.turns", "{turn}", "Bot turns handled");

    /// <summary>Turn duration in seconds, same tags as <see cref="Turns"/>.</summary>
    public static Histogram<double> TurnDuration { get; } = Meter.CreateHistogram<double>(
        "teamsitbot.turn.duration", "s", "Duration of a bot turn");

    public static void RecordTurn(string? activityType, string? channelId, string outcome, TimeSpan duration)
    {
        var tags = new TagList
        {
            { "activity.type", activityType ?? "unknown" },
            { "channel", channelId ?? "unknown" },
            { "outcome", outcome },
        };
        Turns.Add(1, tags);
        TurnDuration.Record(duration.TotalSeconds, tags);
    }
}
