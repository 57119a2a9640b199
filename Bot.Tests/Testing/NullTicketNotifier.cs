using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.Testing;

/// <summary>For hosts of the ticket part alone: the host's notifier, which here has nobody to tell.</summary>
internal sealed class NullTicketNotifier : ITicketNotifier
{
    public Task NotifyAsync(OutboxItem item, CancellationToken cancellationToken) => Task.CompletedTask;
}
