namespace TeamsItBot.Tickets.Outbox;

/// <summary>
/// Tells the user what became of a ticket the outbox finished in the background (created, or given
/// up). Implemented by the conversation layer, which alone understands <see cref="OutboxItem.NotifyTarget"/>.
/// </summary>
public interface ITicketNotifier
{
    /// <exception cref="Exception">Any failure: the outbox keeps the notice pending and tries again later.</exception>
    Task NotifyAsync(OutboxItem item, CancellationToken cancellationToken);
}
