using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Tickets;

public sealed class TicketTelemetryTests
{
    // The meter is process-wide and other tests record the same tags in parallel. A measurement is
    // recorded synchronously in the caller's execution context, so this flag marks this test's own.
    private static readonly AsyncLocal<bool> ThisTest = new();

    [Fact]
    public async Task Each_ticket_call_is_counted_with_its_operation_and_outcome()
    {
        var calls = new ConcurrentQueue<(string Operation, string Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Names as strings: the callback can run while Telemetry's own instruments are being created.
            if (instrument.Meter.Name == TicketTelemetry.Name && instrument.Name == "teamsitbot.ticket.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            if (!ThisTest.Value)
            {
                return;
            }

            string? operation = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "operation") operation = tag.Value as string;
                if (tag.Key == "outcome") outcome = tag.Value as string;
            }

            calls.Enqueue((operation!, outcome!));
        });
        listener.Start();
        ThisTest.Value = true;

        await using var server = await McpAtlassianDouble.StartAsync();
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        // About counting, not timing: a loaded machine can take over 10 s for the first MCP handshake.
        settings["Tickets:TimeoutSeconds"] = "45";
        await using var host = new TicketTestHost(settings);
        var draft = TicketTestHost.Draft();
        await host.Tickets.CreateTicketAsync(draft, TestContext.Current.CancellationToken);
        await server.GoDownAsync();
        await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), TestContext.Current.CancellationToken));

        Assert.Equal([("create_issue", "ok"), ("create_issue", nameof(TicketFailure.BackendUnavailable))], calls.ToArray());
    }
}
