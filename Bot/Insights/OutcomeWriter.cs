using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TeamsItBot.Insights;

/// <summary>
/// Drains the recorder's queue into the store in batches (one transaction per batch), off every
/// turn's path. A failed batch is logged and counted as dropped; the loop goes on. On shutdown
/// what is queued is written before the host stops.
/// </summary>
public sealed partial class OutcomeWriter(OutcomeRecorder recorder, IOutcomeEventStore store, ILogger<OutcomeWriter> logger) : BackgroundService
{
    private const int MaxBatch = 200;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        recorder.Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = recorder.Reader;
        var events = new List<OutcomeEvent>(MaxBatch);
        var feedback = new List<FeedbackWork>();
        try
        {
            // Not stoppingToken: after Complete() the loop ends by itself once the queue is empty.
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (events.Count + feedback.Count < MaxBatch && reader.TryRead(out var work))
                {
                    if (work.Event is not null)
                    {
                        events.Add(work.Event);
                    }
                    else if (work.Feedback is not null)
                    {
                        feedback.Add(work.Feedback);
                    }
                }

                await WriteAsync(events, feedback);
                events.Clear();
                feedback.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            // Host shutdown while the store was writing.
        }
    }

    private async Task WriteAsync(List<OutcomeEvent> events, List<FeedbackWork> feedback)
    {
        try
        {
            if (events.Count > 0)
            {
                await store.AddAsync(events, CancellationToken.None);
            }

            foreach (var answer in feedback)
            {
                var stored = answer.Satisfaction is { } satisfaction
                    ? await store.SetSatisfactionAsync(answer.EventId, answer.UserHash, satisfaction, CancellationToken.None)
                    : await store.SetFeedbackAsync(answer.EventId, answer.UserHash, answer.Rating!.Value, answer.Comment, CancellationToken.None);
                if (!stored)
                {
                    LogFeedbackIgnored(answer.EventId);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            InsightsTelemetry.EventsDropped.Add(events.Count + feedback.Count);
            LogWriteFailed(e, events.Count, feedback.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store {Events} outcome events and {Feedback} feedback answers")]
    private partial void LogWriteFailed(Exception exception, int events, int feedback);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on event {EventId} ignored: unknown event, another user's, or already answered")]
    private partial void LogFeedbackIgnored(string eventId);
}
