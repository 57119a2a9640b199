using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tickets.Notifications;

/// <summary>
/// Delivers change notices: claims due ones (each by exactly one instance, through the store's
/// leases), sends each through <see cref="IChangeNoticeSender"/> and settles it. Throttling waits
/// the connector's Retry-After; other failures retry with backoff for a day; a conversation that
/// refuses the bot stops all notices of its tickets, logged once.
/// </summary>
public sealed partial class ChangeNoticeWorker(
    IOptions<FollowUpOptions> options,
    TimeProvider timeProvider,
    ILogger<ChangeNoticeWorker> logger,
    ITrackedTicketStore? tracked = null,
    IChangeNoticeStore? notices = null,
    IChangeNoticeSender? sender = null) : BackgroundService
{
    public const int BatchSize = 20;
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>One pass: claims and works what is due; returns how many notices it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (tracked is null || notices is null || sender is null) return 0;
        var now = timeProvider.GetUtcNow();
        var claimed = await notices.ClaimDueAsync(InstanceId, now, now + LeaseDuration, BatchSize, cancellationToken);
        foreach (var notice in claimed)
        {
            var settled = await DeliverAsync(notice, tracked, sender, cancellationToken);
            await notices.SettleAsync(settled with { LeaseOwner = null, LeaseUntil = null, UpdatedAt = timeProvider.GetUtcNow() }, InstanceId, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task<ChangeNotice> DeliverAsync(ChangeNotice notice, ITrackedTicketStore store, IChangeNoticeSender carrier, CancellationToken cancellationToken)
    {
        var records = await store.GetAsync([notice.TicketKey], cancellationToken);
        if (!records.TryGetValue(notice.TicketKey, out var record) || !record.Notifying)
        {
            LogNotNotifying(notice.Id, notice.TicketKey);
            return notice with { State = ChangeNoticeState.Dropped };
        }

        ChangeNoticeResult result;
        try
        {
            result = await carrier.SendAsync(notice, record.NotifyTarget, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            if (now >= notice.CreatedAt + GiveUpAfter)
            {
                LogGaveUp(ex, notice.Id, notice.TicketKey, notice.Attempts);
                return notice with { State = ChangeNoticeState.Dropped, LastError = ex.GetType().Name };
            }

            var delay = OutboxBackoff.Delay(notice.Attempts, InitialBackoff, MaxBackoff, Random.Shared.NextDouble());
            LogRetrying(ex, notice.Id, notice.TicketKey, notice.Attempts, delay);
            return notice with { NextAttemptAt = now + delay, LastError = ex.GetType().Name };
        }

        switch (result.Outcome)
        {
            case ChangeNoticeOutcome.Delivered:
                LogDelivered(notice.TicketKey, notice.Kind, notice.Id);
                return notice with { State = ChangeNoticeState.Delivered, LastError = null };
            case ChangeNoticeOutcome.ConversationGone:
                if (await store.StopNotifyingConversationAsync(record.ConversationKey, timeProvider.GetUtcNow(), cancellationToken) > 0)
                {
                    LogConversationGone(notice.TicketKey);
                }

                return notice with { State = ChangeNoticeState.Dropped, LastError = "conversation gone" };
            default:
                var wait = result.RetryAfter > TimeSpan.Zero ? result.RetryAfter : InitialBackoff;
                LogThrottled(notice.Id, wait);
                return notice with { NextAttemptAt = timeProvider.GetUtcNow() + wait, LastError = "throttled" };
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.NotificationsEnabled || tracked is null || notices is null || sender is null) return;
        var interval = TimeSpan.FromSeconds(Math.Min(options.Value.PollIntervalSeconds, 5));
        await DrainLoop.RunAsync(RunOnceAsync, BatchSize, interval, LogPassFailed, timeProvider, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications: told the owner of {TicketKey} about {Kind} ({NoticeId})")]
    private partial void LogDelivered(string ticketKey, TicketChangeKind kind, string noticeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications: the bot was removed from the conversation of {TicketKey} (403/404 from the connector); no more notifications there")]
    private partial void LogConversationGone(string ticketKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notifications: notice {NoticeId} dropped, {TicketKey} is no longer notified")]
    private partial void LogNotNotifying(string noticeId, string ticketKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications: notice {NoticeId} throttled; next attempt in {Wait}")]
    private partial void LogThrottled(string noticeId, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications: notice {NoticeId} of {TicketKey} failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogRetrying(Exception exception, string noticeId, string ticketKey, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notifications: gave up on notice {NoticeId} of {TicketKey} after {Attempts} attempts")]
    private partial void LogGaveUp(Exception exception, string noticeId, string ticketKey, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notifications: worker pass failed; trying again at the next pass")]
    private partial void LogPassFailed(Exception exception);
}
