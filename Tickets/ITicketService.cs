namespace TeamsItBot.Tickets;

/// <summary>Opens tickets in the configured tracker (mcp-atlassian or the embedded local tracker).</summary>
public interface ITicketService
{
    /// <summary>Creates one ticket from <paramref name="draft"/>.</summary>
    /// <exception cref="TicketException">The ticket could not be created; <see cref="TicketException.Failure"/> says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled by the caller.</exception>
    Task<TicketResult> CreateTicketAsync(TicketDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// The ticket already made for the draft <paramref name="draftId"/> (every ticket carries the label
    /// <see cref="JiraTicketFormat.DraftLabel"/>), or null when there is none: asked before any retry
    /// that may follow a create the backend acted on.
    /// </summary>
    /// <exception cref="TicketException">The search failed; <see cref="TicketException.Failure"/> says why.</exception>
    Task<TicketResult?> FindByDraftAsync(string draftId, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches the draft's evidence (transcript, the user's files) to the ticket made for it. Never
    /// throws for the backend: what could not be attached is in the report. A backend without
    /// attachments attaches nothing.
    /// </summary>
    Task<Evidence.AttachmentReport> AttachEvidenceAsync(TicketResult ticket, TicketDraft draft, CancellationToken cancellationToken) =>
        Task.FromResult(Evidence.AttachmentReport.Nothing);
}
