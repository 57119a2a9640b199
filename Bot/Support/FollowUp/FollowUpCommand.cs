namespace TeamsItBot.Support.FollowUp;

/// <summary>What the employee asked about their tickets. Intent ids match the intent layer's (MyTickets, TicketStatus).</summary>
public enum FollowUpIntent
{
    MyTickets,
    TicketStatus,
    AddComment,
    Resolve,
    Reopen,
}

/// <summary>
/// One recognized follow-up command. <paramref name="Key"/> is an issue key as typed (upper-cased),
/// <paramref name="Number"/> a bare ticket number, <paramref name="Topic"/> words naming the ticket
/// ("my vpn ticket"), <paramref name="Text"/> the comment to add (null when none was given).
/// </summary>
public sealed record FollowUpCommand(FollowUpIntent Intent, string? Key = null, string? Number = null, string? Topic = null, string? Text = null)
{
    /// <summary>True when the command names no ticket at all ("close it").</summary>
    public bool NamesNoTicket => Key is null && Number is null && Topic is null;
}
