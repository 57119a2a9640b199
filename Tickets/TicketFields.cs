namespace TeamsItBot.Tickets;

/// <summary>
/// Issue fields one knowledge-base topic sets over the global Tickets defaults. A null member keeps the
/// default; a list replaces it (labels are added to the global ones, since those tag every bot ticket).
/// </summary>
public sealed record TicketFields(
    string? IssueType = null,
    string? Priority = null,
    IReadOnlyList<string>? Components = null,
    IReadOnlyList<string>? Labels = null);
