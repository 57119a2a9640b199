namespace TeamsItBot.Tickets.Outbox;

/// <summary>What a confirmation led to.</summary>
public enum OutboxOutcome
{
    /// <summary>This confirmation made the ticket.</summary>
    Created,

    /// <summary>An earlier confirmation (or the background worker) made it; here it is.</summary>
    AlreadyCreated,

    /// <summary>The backend failed transiently: recorded, the worker retries and the user is told later.</summary>
    Queued,

    /// <summary>Refused for good (Jira's validation, credentials) or given up; nothing will be retried.</summary>
    Rejected,

    /// <summary>Another turn or instance is sending it right now and did not finish within the wait.</summary>
    InProgress,
}

/// <summary>The outcome, the item as stored after it, and the failure when this call saw one.</summary>
public sealed record OutboxSubmission(OutboxOutcome Outcome, OutboxItem Item, TicketException? Failure = null)
{
    public TicketResult? Ticket => Item.Result;

    /// <summary>The sentence for the user about the failure (this call's, or the stored one).</summary>
    public string FailureMessage =>
        (Failure ?? new TicketException(Item.LastFailure ?? TicketFailure.ProtocolError, Item.LastError ?? "failed")).UserMessage;
}

/// <summary>
/// How a confirmation turn takes part in a submission: <see cref="OnRecorded"/> runs once the draft
/// is recorded and before Jira is asked (cosmetic sends belong there, never before the record);
/// <see cref="AnswersInTurn"/> says the turn tells the user the result itself and then settles it.
/// </summary>
public sealed record OutboxTurn(Action? OnRecorded = null, bool AnswersInTurn = false);
