using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tickets.Notifications;

/// <summary>
/// Starts tracking each ticket the outbox files, with the outbox item's notify target (which names the
/// conversation and the created card): from then on the poller tells the owner what changes.
/// </summary>
public sealed partial class TicketTracking(
    IOptions<FollowUpOptions> options,
    TimeProvider timeProvider,
    ILogger<TicketTracking> logger,
    ITrackedTicketStore? store = null,
    IChangeNoticeSender? sender = null) : ITicketCreatedListener
{
    public async Task OnCreatedAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!options.Value.NotificationsEnabled || store is null || sender is null
            || item.TicketKey is not { } key || string.IsNullOrWhiteSpace(item.NotifyTarget))
        {
            return;
        }

        var record = TrackedTicketRecord.Filed(key, item.Draft.ReporterObjectId, item.NotifyTarget, sender.ConversationOf(item.NotifyTarget));
        if (await store.TrackAsync(record, timeProvider.GetUtcNow(), cancellationToken))
        {
            LogTracking(key);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications: tracking {TicketKey} for changes")]
    private partial void LogTracking(string ticketKey);
}
