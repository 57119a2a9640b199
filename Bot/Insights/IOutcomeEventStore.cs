namespace TeamsItBot.Insights;

/// <summary>Where outcome events live (memory, SQLite, PostgreSQL: implemented in Storage).</summary>
public interface IOutcomeEventStore
{
    /// <summary>Adds the events; an id already stored is left as it is.</summary>
    Task AddAsync(IReadOnlyList<OutcomeEvent> events, CancellationToken cancellationToken);

    /// <summary>Sets the feedback once, only on an event of that user; false when nothing matched.</summary>
    Task<bool> SetFeedbackAsync(string eventId, string userHash, FeedbackRating rating, string? comment, CancellationToken cancellationToken);

    /// <summary>Sets the satisfaction (1-5) once, only on an event of that user; false when nothing matched.</summary>
    Task<bool> SetSatisfactionAsync(string eventId, string userHash, int satisfaction, CancellationToken cancellationToken);

    /// <summary>Events with <paramref name="since"/> &lt;= time &lt; <paramref name="until"/>, oldest first.</summary>
    Task<IReadOnlyList<OutcomeEvent>> QueryAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>When the user was last shown a survey, or null.</summary>
    Task<DateTimeOffset?> LastSurveyedAsync(string userHash, CancellationToken cancellationToken);

    /// <summary>Erases kept text (unmatched problems, feedback comments) of events older than <paramref name="textBefore"/>
    /// and deletes events older than <paramref name="eventsBefore"/>. Returns (texts erased, events deleted).</summary>
    Task<(int TextsErased, int EventsDeleted)> ApplyRetentionAsync(DateTimeOffset textBefore, DateTimeOffset eventsBefore, CancellationToken cancellationToken);
}
