namespace TeamsItBot.Tickets;

/// <summary>A created ticket: its key (e.g. ITSUPPORT-123) and the web page a person can open.</summary>
public sealed record TicketResult(string Key, Uri BrowseUrl);
