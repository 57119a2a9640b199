using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TeamsItBot.Tests.Support;

namespace TeamsItBot.Tests.Insights;

public sealed class OutcomeMetricsTests
{
    [Fact]
    public async Task Each_outcome_adds_one_to_the_counter_tagged_with_topic_and_outcome()
    {
        var seen = new ConcurrentQueue<(long Value, string? Topic, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "TeamsItBot" && instrument.Name == "teamsitbot.outcomes")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? topic = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "topic") topic = tag.Value as string;
                if (tag.Key == "outcome") outcome = tag.Value as string;
            }

            seen.Enqueue((value, topic, outcome));
        });
        listener.Start();

        await using var bot = new SupportBot();
        var conversation = $"metrics-{Guid.NewGuid():N}";
        await bot.Flow(new Testing.TestAdapter("msteams", conversationId: conversation))
            .Send("outlook wont sync")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .Send("yes, it's fixed")
            .AssertReply(_ => { })
            .AssertReply(_ => { })
            .StartTestAsync(TestContext.Current.CancellationToken);

        // Other tests run in parallel and record too: look for this one's measurement.
        Assert.Contains((1L, "outlook", "solved"), seen);
    }
}
