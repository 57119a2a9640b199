using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TeamsItBot.Operations;

/// <summary>
/// The bot's own traces and metrics, all under the name "TeamsItBot" so one AddSource/AddMeter
/// exports them. Static because instruments are process-wide and other areas (tickets, outbox)
/// record into them without taking a dependency on the container.
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

    /// <summary>Ticket backend calls, tagged operation and outcome (created | failed | queued ...).</summary>
    public static Counter<long> TicketCalls { get; } = Meter.CreateCounter<long>(
        "teamsitbot.ticket.calls", "{call}", "Calls to the ticket backend");

    /// <summary>Ticket backend call duration in seconds, same tags as <see cref="TicketCalls"/>.</summary>
    public static Histogram<double> TicketCallDuration { get; } = Meter.CreateHistogram<double>(
        "teamsitbot.ticket.call.duration", "s", "Duration of a ticket backend call");

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

    /// <summary>For the ticket service: one call to the backend (e.g. "create_issue", "created").</summary>
    public static void RecordTicketCall(string operation, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        TicketCalls.Add(1, tags);
        TicketCallDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Starts a span for a ticket backend call; null when nobody listens.</summary>
    public static Activity? StartTicketCall(string operation) =>
        ActivitySource.StartActivity($"ticket {operation}", ActivityKind.Client)?.SetTag("ticket.operation", operation);
}
