namespace TeamsItBot.Tickets;

/// <summary>
/// Everything needed to open one ticket, free of any Teams type so the outbox can persist it.
/// </summary>
/// <param name="Id">Stable id of this draft; the same draft submitted twice keeps the same id (idempotency).</param>
/// <param name="OriginalProblem">The user's own description of the problem, verbatim.</param>
/// <param name="StepsShown">The troubleshooting steps the bot gave, in order.</param>
/// <param name="ReporterName">Teams display name of the reporter.</param>
/// <param name="ReporterObjectId">Entra (AAD) object id of the reporter.</param>
/// <param name="Note">Optional extra note added by the user before creating the ticket.</param>
/// <param name="ConfirmedBy">Who confirmed it, when that was not the reporter (the description says so); null otherwise.</param>
/// <param name="ReporterEmail">E-mail or UPN of the reporter as Teams knows it; null when unknown.</param>
/// <param name="Fields">Issue fields of the knowledge-base topic, over the global defaults; null for none.</param>
/// <param name="Evidence">The transcript and files to attach once the ticket exists; null for none.</param>
public sealed record TicketDraft(
    string Id,
    string OriginalProblem,
    IReadOnlyList<string> StepsShown,
    string ReporterName,
    string ReporterObjectId,
    string? Note = null,
    string? ConfirmedBy = null,
    string? ReporterEmail = null,
    TicketFields? Fields = null,
    Evidence.TicketEvidence? Evidence = null);
