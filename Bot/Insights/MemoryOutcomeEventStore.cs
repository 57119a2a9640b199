namespace TeamsItBot.Insights;

/// <summary>Events in process memory (Storage__Provider=Memory): lost on restart.</summary>
public sealed class MemoryOutcomeEventStore : IOutcomeEventStore
{
    private readonly Lock _gate = new();
    private readonly List<OutcomeEvent> _events = [];

    public Task AddAsync(IReadOnlyList<OutcomeEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_gate)
        {
            foreach (var outcome in events)
            {
                if (!_events.Exists(e => e.Id == outcome.Id))
                {
                    _events.Add(outcome);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> SetFeedbackAsync(string eventId, string userHash, FeedbackRating rating, string? comment, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _events.FindIndex(e => e.Id == eventId && e.UserHash == userHash && e.Feedback is null);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _events[index] = _events[index] with { Feedback = rating, FeedbackComment = comment };
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetSatisfactionAsync(string eventId, string userHash, int satisfaction, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _events.FindIndex(e => e.Id == eventId && e.UserHash == userHash && e.Satisfaction is null);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _events[index] = _events[index] with { Satisfaction = satisfaction };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutcomeEvent>> QueryAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutcomeEvent>>([.. _events.Where(e => e.Time >= since && e.Time < until).OrderBy(e => e.Time)]);
        }
    }

    public Task<DateTimeOffset?> LastSurveyedAsync(string userHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var last = _events.Where(e => e.Surveyed && e.UserHash == userHash).Select(e => (DateTimeOffset?)e.Time).DefaultIfEmpty().Max();
            return Task.FromResult(last);
        }
    }

    public Task<(int TextsErased, int EventsDeleted)> ApplyRetentionAsync(DateTimeOffset textBefore, DateTimeOffset eventsBefore, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var deleted = _events.RemoveAll(e => e.Time < eventsBefore);
            var erased = 0;
            for (var i = 0; i < _events.Count; i++)
            {
                if (_events[i].Time < textBefore && (_events[i].UnmatchedText is not null || _events[i].FeedbackComment is not null))
                {
                    _events[i] = _events[i] with { UnmatchedText = null, FeedbackComment = null };
                    erased++;
                }
            }

            return Task.FromResult((erased, deleted));
        }
    }
}
