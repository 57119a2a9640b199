using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets.Outbox;

/// <summary>
/// Retries queued tickets and delivers background notices: every poll it claims due items (each by
/// exactly one instance, through the store's leases) and works them one by one.
/// </summary>
internal sealed partial class TicketOutboxWorker(
    TicketOutbox outbox,
    ITicketOutboxStore store,
    ITicketNotifier notifier,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<TicketOutboxWorker> logger) : BackgroundService
{
    /// <summary>One pass: claims and works what is due; returns how many items it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var items = await store.ClaimDueAsync(outbox.InstanceId, now, now + settings.LeaseDuration, settings.BatchSize, cancellationToken);
        foreach (var item in items)
        {
            await outbox.ProcessClaimedAsync(item, notifier, cancellationToken);
        }

        return items.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled)
        {
            LogDisabled();
            return;
        }

        await DrainLoop.RunAsync(RunOnceAsync, settings.BatchSize, settings.PollInterval, LogPassFailed, timeProvider, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox worker is disabled (Outbox:WorkerEnabled=false): queued tickets are retried only by other instances")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox worker pass failed; trying again at the next poll")]
    private partial void LogPassFailed(Exception exception);
}
