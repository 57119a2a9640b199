using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Operations;

namespace TeamsItBot.Tests.Operations;

public sealed class TurnTelemetryTests
{
    private const string UserText = "my laptop password is Hunter2-please-help";

    [Fact]
    public async Task A_turn_is_counted_with_its_outcome_and_its_text_is_not_logged()
    {
        var channel = "test-" + Guid.NewGuid().ToString("N");
        using var measurements = new TurnListener(channel);
        var logs = new CapturingLoggerProvider();
        await using var app = OperationsTestHost.Create(services: s =>
        {
            s.AddSingleton<IBot, NoOpBot>();
            s.AddLogging(b => b.AddProvider(logs));
        });
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/messages", Message(channel, "m1"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(measurements.Turns, m => m.Outcome == "ok" && m.ActivityType == "message");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Turn ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Information && e.Message.Contains("Hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_turn_is_counted_as_an_error()
    {
        var channel = "test-" + Guid.NewGuid().ToString("N");
        using var measurements = new TurnListener(channel);
        await using var app = OperationsTestHost.Create(services: s => s.AddSingleton<IBot, FailingBot>());
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/messages", Message(channel, "m2"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(measurements.Turns, m => m.Outcome == "error");
    }

    [Fact]
    public async Task The_app_password_never_reaches_the_log()
    {
        const string secret = "S3cret-App-Password-Value";
        var logs = new CapturingLoggerProvider();
        await using (var app = OperationsTestHost.Create(
            new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
                ["MicrosoftAppPassword"] = secret,
                ["MicrosoftAppTenantId"] = "66666666-7777-8888-9999-000000000000",
            },
            s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))))
        {
            using var client = app.CreateClient();
            using var refused = await client.PostAsJsonAsync("/api/messages", Message("msteams", "m3"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
    }

    private static object Message(string channel, string id) => new
    {
        type = "message",
        id,
        channelId = channel,
        serviceUrl = "http://127.0.0.1:9/",
        from = new { id = "29:user" },
        recipient = new { id = "28:bot" },
        conversation = new { id = "a:" + channel },
        text = UserText,
    };

    private sealed class FailingBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("boom");
    }

    /// <summary>Listens to teamsitbot.turns, keeping only this test's channel (the meter is process-wide).</summary>
    private sealed class TurnListener : IDisposable
    {
        private readonly MeterListener _listener = new();

        public TurnListener(string channel)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "teamsitbot.turns")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                var values = new Dictionary<string, object?>();
                foreach (var tag in tags)
                {
                    values[tag.Key] = tag.Value;
                }

                if (Equals(values.GetValueOrDefault("channel"), channel))
                {
                    Turns.Add(((string?)values["activity.type"], (string?)values["outcome"]));
                }
            });
            _listener.Start();
        }

        public ConcurrentBag<(string? ActivityType, string? Outcome)> Turns { get; } = [];

        public void Dispose() => _listener.Dispose();
    }
}
