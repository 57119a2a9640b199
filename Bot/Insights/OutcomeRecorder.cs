using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights;

/// <summary>
/// The turn's side of recording: applies the text policy (truncate, or drop when
/// <c>Analytics__KeepUnmatchedText=false</c>), counts the metric, and queues the item for
/// <see cref="OutcomeWriter"/>. Never blocks: a full queue drops its oldest item.
/// </summary>
public sealed class OutcomeRecorder : IOutcomeRecorder
{
    private readonly AnalyticsOptions _options;
    private readonly Channel<OutcomeWork> _queue;

    public OutcomeRecorder(IOptions<AnalyticsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _queue = Channel.CreateBounded<OutcomeWork>(
            new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => InsightsTelemetry.EventsDropped.Add(1));
    }

    internal ChannelReader<OutcomeWork> Reader => _queue.Reader;

    public void Record(OutcomeEvent outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!_options.Enabled)
        {
            return;
        }

        var text = _options.KeepUnmatchedText && outcome.Topic is null ? Truncate(outcome.UnmatchedText) : null;
        InsightsTelemetry.RecordOutcome(outcome.Topic, outcome.Outcome);
        _queue.Writer.TryWrite(new OutcomeWork(outcome with { UnmatchedText = text }, null));
    }

    public void RecordFeedback(string eventId, string userHash, FeedbackRating rating, string? comment)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(userHash);
        InsightsTelemetry.Feedback.Add(1, new KeyValuePair<string, object?>("rating", rating == FeedbackRating.Up ? "up" : "down"));
        _queue.Writer.TryWrite(new OutcomeWork(null, new FeedbackWork(eventId, userHash, rating, Truncate(comment), null)));
    }

    public void RecordSatisfaction(string eventId, string userHash, int satisfaction)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(userHash);
        ArgumentOutOfRangeException.ThrowIfLessThan(satisfaction, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(satisfaction, 5);
        InsightsTelemetry.Feedback.Add(1, new KeyValuePair<string, object?>("rating", "satisfaction"));
        _queue.Writer.TryWrite(new OutcomeWork(null, new FeedbackWork(eventId, userHash, null, null, satisfaction)));
    }

    internal void Complete() => _queue.Writer.TryComplete();

    /// <summary>Whitespace-trimmed, at most <see cref="AnalyticsOptions.MaxTextLength"/> characters, never a split surrogate pair.</summary>
    public static string? Truncate(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length <= AnalyticsOptions.MaxTextLength)
        {
            return text;
        }

        var cut = AnalyticsOptions.MaxTextLength;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut];
    }
}

internal sealed record OutcomeWork(OutcomeEvent? Event, FeedbackWork? Feedback);

internal sealed record FeedbackWork(string EventId, string UserHash, FeedbackRating? Rating, string? Comment, int? Satisfaction);
