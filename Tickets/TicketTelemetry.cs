using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TeamsItBot.Tickets;

/// <summary>
/// Traces and metrics of the ticket backend calls, beside the code that makes them. The host exports
/// them by <see cref="Name"/>. Static because instruments are process-wide.
/// </summary>
public static class TicketTelemetry
{
    public const string Name = "TeamsItBot.Tickets";

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Ticket backend calls, tagged operation and outcome (ok | a <see cref="TicketFailure"/> name).</summary>
    public static Counter<long> Calls { get; } = Meter.CreateCounter<long>(
        "teamsitbot.ticket.calls", "{call}", "Calls to the ticket backend");

    /// <summary>Ticket backend call duration in seconds, same tags as <see cref="Calls"/>.</summary>
    public static Histogram<double> CallDuration { get; } = Meter.CreateHistogram<double>(
        "teamsitbot.ticket.call.duration", "s", "Duration of a ticket backend call");

    internal static void RecordCall(string operation, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        Calls.Add(1, tags);
        CallDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Starts a span for a ticket backend call; null when nobody listens.</summary>
    internal static Activity? StartCall(string operation) =>
        ActivitySource.StartActivity($"ticket {operation}", ActivityKind.Client)?.SetTag("ticket.operation", operation);
}
