namespace TeamsItBot.Tickets.Outbox;

/// <summary>Told once the outbox has a ticket for a draft (the change notifications start tracking it here).</summary>
public interface ITicketCreatedListener
{
    /// <remarks>A failure is logged by the outbox and never undoes or delays the ticket's own outcome.</remarks>
    Task OnCreatedAsync(OutboxItem item, CancellationToken cancellationToken);
}
