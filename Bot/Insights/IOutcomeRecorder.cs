namespace TeamsItBot.Insights;

/// <summary>
/// Takes outcome events and feedback from the conversation without waiting for the database: the
/// calls return at once and a background writer stores them in batches.
/// </summary>
public interface IOutcomeRecorder
{
    void Record(OutcomeEvent outcome);

    /// <summary>Feedback on an event of the same user; ignored when the event is someone else's or already rated.</summary>
    void RecordFeedback(string eventId, string userHash, FeedbackRating rating, string? comment);

    /// <summary>The satisfaction (1-5) on an event of the same user; ignored when the event is someone else's or already answered.</summary>
    void RecordSatisfaction(string eventId, string userHash, int satisfaction);
}
