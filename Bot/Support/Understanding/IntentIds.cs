namespace TeamsItBot.Support.Understanding;

/// <summary>The intent ids of the intent files (intents.json, intents.de.json, ...): the public names admins and handlers use.</summary>
public static class IntentIds
{
    public const string Greeting = "Greeting";
    public const string Help = "Help";
    public const string Thanks = "Thanks";

    /// <summary>"bye", "see you", "that's all": the employee is leaving.</summary>
    public const string Goodbye = "Goodbye";
    public const string Fixed = "Fixed";
    public const string StillBroken = "StillBroken";
    public const string TicketRequest = "TicketRequest";

    /// <summary>"My tickets", "status of my ticket": handled by an <see cref="ISupportIntentHandler"/> when one is registered.</summary>
    public const string MyTickets = "MyTickets";

    public const string Cancel = "Cancel";
    public const string Confirm = "Confirm";
    public const string Decline = "Decline";

    /// <summary>Facilities, HR, the coffee machine: not an IT problem (only when no guide fits).</summary>
    public const string OutOfScope = "OutOfScope";

    /// <summary>"I need a new mouse", "can I get a second monitor": a request, not a fault (only when no guide fits).</summary>
    public const string ServiceRequest = "ServiceRequest";

    public static readonly IReadOnlyList<string> All = [Greeting, Help, Thanks, Goodbye, Fixed, StillBroken, TicketRequest, MyTickets, Cancel, Confirm, Decline, OutOfScope, ServiceRequest];
}
