namespace TeamsItBot.Tickets;

/// <summary>
/// A ticket could not be created. <see cref="Exception.Message"/> is the admin detail (safe to log:
/// never contains credentials); <see cref="UserMessage"/> is what the chat may show.
/// </summary>
public sealed class TicketException : Exception
{
    public TicketException(TicketFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public TicketException()
        : this(TicketFailure.ProtocolError, "The ticket could not be created.")
    {
    }

    public TicketException(string message)
        : this(TicketFailure.ProtocolError, message)
    {
    }

    public TicketException(string message, Exception innerException)
        : this(TicketFailure.ProtocolError, message, innerException)
    {
    }

    public TicketFailure Failure { get; }

    /// <summary>Jira's own text for <see cref="TicketFailure.Rejected"/> (admin log only, it can be pages long); null otherwise.</summary>
    public string? BackendMessage { get; init; }

    /// <summary>True when trying the same draft again later may succeed.</summary>
    public bool IsTransient => Failure is TicketFailure.BackendUnavailable or TicketFailure.Timeout;

    /// <summary>A plain sentence for the person in the chat; no internals.</summary>
    public string UserMessage => Failure switch
    {
        TicketFailure.BackendUnavailable =>
            "The ticket system is not reachable right now. Please try again in a few minutes.",
        TicketFailure.AuthenticationFailed =>
            "The ticket system refused the bot's sign-in. Your IT team has been told; please contact the help desk directly for now.",
        // Jira's own text stays in the admin log: it can run to pages, name tools and fields, and help nobody in a chat.
        TicketFailure.Rejected =>
            "Jira did not accept the ticket. Your IT team can see why in the bot's log; please contact the help desk directly for now.",
        TicketFailure.NotConfigured =>
            "The ticket system is not set up to create tickets yet. Your IT team has been told; please contact the help desk directly for now.",
        TicketFailure.Timeout =>
            "The ticket system is taking too long to answer. Please try again in a few minutes.",
        _ =>
            "The bot could not talk to the ticket system correctly. Your IT team has been told; please contact the help desk directly for now.",
    };
}
