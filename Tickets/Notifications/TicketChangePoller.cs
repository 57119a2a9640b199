using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tickets.Notifications;

/// <summary>
/// Finds what changed on the tickets the bot tracks. One instance per deployment polls (the store's
/// lease); every PollIntervalSeconds it searches the tickets updated since its watermark minus the
/// overlap, compares each with its stored state, records each change as a notice (idempotent on the
/// change's id) and only then advances the state (compare-and-set). A crash between the two finds
/// the same changes with the same ids again; two pollers racing store each notice once.
/// </summary>
public sealed partial class TicketChangePoller(
    ITicketFollowUpService followUp,
    IOptions<FollowUpOptions> options,
    TicketPollerStatus status,
    TimeProvider timeProvider,
    ILogger<TicketChangePoller> logger,
    ITrackedTicketStore? tracked = null,
    IChangeNoticeStore? notices = null,
    IChangeNoticeSender? sender = null) : BackgroundService
{
    public const string LeaseName = "ticket-poller";

    /// <summary>A ticket whose update time is this recent is read again even if it looks unchanged: a second change in the same second may not have been visible.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    /// <summary>After a full batch the next step comes this soon, not a whole interval later.</summary>
    private static readonly TimeSpan CatchUpPause = TimeSpan.FromMilliseconds(200);

    /// <summary>How long settled notices are kept so a change found again is recognised.</summary>
    private static readonly TimeSpan NoticeRetention = TimeSpan.FromDays(7);

    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);

    private TimeSpan LeaseDuration => TimeSpan.FromSeconds(Math.Max(options.Value.PollIntervalSeconds * 3, 30));

    /// <summary>
    /// One poll (the caller holds the lease). The stored watermark is where the next search starts:
    /// the poll's start minus the overlap, or, after a full batch, the newest ticket read (oldest
    /// first), so a busy window is read in steps instead of its oldest batch over and over.
    /// </summary>
    /// <returns>The notices recorded, and whether the batch was full (more is waiting: poll again soon).</returns>
    public async Task<(int Recorded, bool Full)> PollOnceAsync(CancellationToken cancellationToken)
    {
        if (tracked is null || notices is null) return (0, false);
        var settings = options.Value;
        var started = timeProvider.GetUtcNow();
        var since = await tracked.GetWatermarkAsync(LeaseName, cancellationToken) ?? started - TimeSpan.FromMinutes(settings.InitialLookbackMinutes);
        var max = settings.BatchSize;
        var found = await followUp.FindUpdatedSinceAsync(since, max, cancellationToken);
        var calls = 1 + (found.Count / 50);
        if (found.Count >= max && found[^1].Updated is { } crowded && crowded <= since + TimeSpan.FromMinutes(1))
        {
            // More than a batch within JQL's one-minute precision: a step would not move, so read wider once.
            max = Math.Min(settings.BatchSize * 10, 5000);
            found = await followUp.FindUpdatedSinceAsync(since, max, cancellationToken);
            calls += 1 + (found.Count / 50);
        }

        var stored = await tracked.GetAsync([.. found.Select(t => t.Key).Distinct(StringComparer.Ordinal)], cancellationToken);
        var recorded = 0;
        try
        {
            foreach (var listed in found)
            {
                if (!stored.TryGetValue(listed.Key, out var record) || LooksUnchanged(record.State, listed, started)) continue;

                // Search results carry no comments: the issue itself does (read as its owner, like "status of").
                var current = listed;
                if (!string.IsNullOrWhiteSpace(record.OwnerObjectId))
                {
                    calls++;
                    current = await followUp.GetMineAsync(listed.Key, record.OwnerObjectId, cancellationToken) ?? listed;
                }

                var (changes, next) = TicketChangeDetector.Compare(record.State, current);
                if (changes.Count == 0 && next == record.State && current.IsDone == record.Done) continue;
                var now = timeProvider.GetUtcNow();
                if (record.Notifying)
                {
                    foreach (var change in changes)
                    {
                        if (await notices.AddIfAbsentAsync(ChangeNotice.New(change, current, now), cancellationToken))
                        {
                            recorded++;
                            LogChangeFound(change.Key, change.Kind, change.Id);
                        }
                    }
                }

                if (!await tracked.TryAdvanceAsync(record.State, next, current.IsDone, now, cancellationToken))
                {
                    LogLostRace(listed.Key);
                }
            }
        }
        finally
        {
            status.CountJiraCalls(calls);
        }

        var full = found.Count >= max && found[^1].Updated is { } last && last > since && last < started;
        var nextSince = full ? found[^1].Updated!.Value : started - TimeSpan.FromMinutes(settings.OverlapMinutes);
        await tracked.SetWatermarkAsync(LeaseName, nextSince, cancellationToken);
        return (recorded, full);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.NotificationsEnabled)
        {
            status.Off("Tickets:FollowUp:NotificationsEnabled is false");
            LogOff("Tickets:FollowUp:NotificationsEnabled is false");
            return;
        }

        if (tracked is null || notices is null || sender is null)
        {
            status.Off("no notification store or sender in this host");
            LogOff("no notification store or sender in this host");
            return;
        }

        var failures = 0;
        // Out of start-up's way: the first poll comes one interval after start.
        var wait = Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = Interval;
            try
            {
                var now = timeProvider.GetUtcNow();
                if (!await tracked.TryAcquireLeaseAsync(LeaseName, InstanceId, now, LeaseDuration, stoppingToken))
                {
                    status.Standby();
                    continue;
                }

                if (await tracked.HasAnyAsync(stoppingToken) && (await PollOnceAsync(stoppingToken)).Full)
                {
                    wait = CatchUpPause;
                }

                status.Polled(now);
                if (failures > 0) LogRecovered(failures);
                failures = 0;
                await SweepIfDueAsync(now, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The poller must outlive a failing backend or database; it backs off and tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                wait = OutboxBackoff.Delay(failures, Interval, TimeSpan.FromTicks(Math.Max(Interval.Ticks, TimeSpan.FromMinutes(5).Ticks)), Random.Shared.NextDouble());
                var reason = ex is TicketException ticket ? $"ticket backend: {ticket.Failure}" : $"error: {ex.GetType().Name}";
                status.BackingOff(reason, failures, timeProvider.GetUtcNow() + wait);
                LogBackingOff(ex, failures, reason, wait);
            }
        }
    }

    private async Task SweepIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < _nextSweep || tracked is null || notices is null) return;
        _nextSweep = now + SweepInterval;
        var before = now - TimeSpan.FromDays(options.Value.ClosedRetentionDays);
        int tickets = 0, removed;
        do
        {
            removed = await tracked.DeleteRetiredAsync(before, 500, cancellationToken);
            tickets += removed;
        }
        while (removed == 500);

        int settled = 0;
        do
        {
            removed = await notices.DeleteSettledAsync(now - NoticeRetention, 500, cancellationToken);
            settled += removed;
        }
        while (removed == 500);

        if (tickets + settled > 0) LogSwept(tickets, settled);
    }

    private static bool LooksUnchanged(TrackedTicketState stored, TrackedTicket listed, DateTimeOffset now) =>
        listed.Updated is { } updated && stored.Updated == updated && updated < now - SettleTime
        && string.Equals(stored.Status, listed.Status, StringComparison.Ordinal)
        && string.Equals(stored.Assignee, listed.Assignee, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket poller is off: {Reason}")]
    private partial void LogOff(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket poller: {TicketKey} {Kind} ({ChangeId}) recorded for the owner")]
    private partial void LogChangeFound(string ticketKey, TicketChangeKind kind, string changeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket poller: {TicketKey} was advanced by another poller meanwhile")]
    private partial void LogLostRace(string ticketKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket poller: poll failed {Failures} time(s) in a row ({Reason}); backing off for {Wait}")]
    private partial void LogBackingOff(Exception exception, int failures, string reason, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket poller: polling again after {Failures} failed poll(s)")]
    private partial void LogRecovered(int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket poller: retention removed {Tickets} retired tickets and {Notices} settled notices")]
    private partial void LogSwept(int tickets, int notices);
}
