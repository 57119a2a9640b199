using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets.Outbox;

/// <summary>
/// Exactly-once ticket creation. A confirmed draft is recorded durably (insert-if-absent on its id)
/// before anything is sent; then whoever holds the item's lease sends it. Any attempt after the first
/// looks for a ticket carrying the draft's label before creating, so an attempt whose answer was lost
/// (timeout, crash) never leads to a second ticket.
/// </summary>
public sealed partial class TicketOutbox(
    ITicketOutboxStore store,
    ITicketService tickets,
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<TicketOutbox> logger,
    IEnumerable<ITicketCreatedListener>? createdListeners = null)
{
    private readonly ITicketCreatedListener[] _createdListeners = [.. createdListeners ?? []];

    private static readonly TimeSpan InProgressPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>This instance's lease owner name: host, process and a random part (unique per start).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Records the draft and, unless another attempt holds it or it is not due, sends it now so the
    /// common case answers at once. <paramref name="notifyTarget"/> is kept for the background notice.
    /// </summary>
    public Task<OutboxSubmission> SubmitAsync(TicketDraft draft, string? notifyTarget, CancellationToken cancellationToken) =>
        SubmitAsync(draft, notifyTarget, turn: null, cancellationToken);

    /// <summary>
    /// The same, for a confirmation turn (<paramref name="turn"/>): it is told once the draft is
    /// recorded, before anything is sent to Jira, and when it answers the user itself a ticket made
    /// here is stored with its notice owed and still leased to this instance, until the turn settles
    /// it (<see cref="SettleReplyAsync"/>). A turn that never settles (crash) leaves the notice to the
    /// worker when the lease runs out, so the key reaches the user in any case.
    /// </summary>
    public async Task<OutboxSubmission> SubmitAsync(TicketDraft draft, string? notifyTarget, OutboxTurn? turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        // Recorded already leased to this turn: a worker polling between the insert and a separate
        // claim would otherwise take the fresh item and leave the clicking user waiting.
        var fresh = OutboxItem.New(draft, notifyTarget, now) with
        {
            Status = OutboxStatus.Sending,
            Attempts = 1,
            LeaseOwner = InstanceId,
            LeaseUntil = now + settings.LeaseDuration,
        };
        var (item, added) = await store.AddIfAbsentAsync(fresh, cancellationToken);
        OutboxItem? claimed;
        if (added)
        {
            LogRecorded(draft.Id);
            claimed = item;
        }
        else
        {
            if (item.Status == OutboxStatus.Created)
            {
                return new OutboxSubmission(OutboxOutcome.AlreadyCreated, item);
            }

            if (item.Status == OutboxStatus.GivenUp && await store.RearmAsync(draft.Id, now, cancellationToken))
            {
                LogRearmed(draft.Id, item.LastFailure);
            }

            claimed = await store.TryClaimAsync(draft.Id, InstanceId, now, now + settings.LeaseDuration, cancellationToken);
        }

        if (claimed is null)
        {
            return await AwaitOtherAttemptAsync(draft.Id, cancellationToken);
        }

        turn?.OnRecorded?.Invoke();
        var (sent, failure) = await SendClaimedAsync(claimed, notifyLater: false, cancellationToken);
        if (sent.Status == OutboxStatus.Created)
        {
            await TellCreatedAsync(sent, cancellationToken);
        }

        if (sent.Status == OutboxStatus.Created && turn is { AnswersInTurn: true } && sent.NotifyTarget is not null)
        {
            // The turn's reply is not delivered yet: the notice stays owed under this instance's lease.
            var owed = sent with { NotifyPending = true, LeaseUntil = timeProvider.GetUtcNow() + settings.LeaseDuration };
            await store.UpdateAsync(owed, InstanceId, cancellationToken);
            return new OutboxSubmission(OutboxOutcome.Created, owed);
        }

        await store.UpdateAsync(sent with { LeaseOwner = null, LeaseUntil = null }, InstanceId, cancellationToken);
        return sent.Status switch
        {
            OutboxStatus.Created => new OutboxSubmission(OutboxOutcome.Created, sent),
            OutboxStatus.Pending => new OutboxSubmission(OutboxOutcome.Queued, sent, failure),
            _ => new OutboxSubmission(OutboxOutcome.Rejected, sent, failure),
        };
    }

    /// <summary>
    /// Ends what <see cref="SubmitAsync(TicketDraft, string?, OutboxTurn?, CancellationToken)"/> left owed: a
    /// reply that reached the user settles the notice; one that may not have (connector failure,
    /// timeout, a long Retry-After) leaves it to the worker's proactive path, not before
    /// <paramref name="retryAfter"/>.
    /// </summary>
    public async Task SettleReplyAsync(OutboxItem item, bool delivered, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.NotifyPending || item.LeaseOwner != InstanceId)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var settled = delivered
            ? item with { NotifyPending = false, LeaseOwner = null, LeaseUntil = null, UpdatedAt = now }
            : item with { NextAttemptAt = now + (retryAfter ?? TimeSpan.Zero), LeaseOwner = null, LeaseUntil = null, UpdatedAt = now };
        if (!delivered)
        {
            LogReplyDeferred(item.DraftId, settled.NextAttemptAt);
        }

        await store.UpdateAsync(settled, InstanceId, cancellationToken);
    }

    /// <summary>The stored item of a draft, or null when it was never confirmed.</summary>
    public Task<OutboxItem?> GetAsync(string draftId, CancellationToken cancellationToken) => store.GetAsync(draftId, cancellationToken);

    /// <summary>
    /// Works one item the worker claimed: sends it (when it is <see cref="OutboxStatus.Sending"/>) and
    /// tells the user through <paramref name="notifier"/> when it is finished. Returns the stored item.
    /// </summary>
    public async Task<OutboxItem> ProcessClaimedAsync(OutboxItem claimed, ITicketNotifier notifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(notifier);
        var item = claimed;
        if (item.Status == OutboxStatus.Sending)
        {
            (item, _) = await SendClaimedAsync(item, notifyLater: true, cancellationToken);
            if (item.Status == OutboxStatus.Pending)
            {
                await store.UpdateAsync(item with { LeaseOwner = null, LeaseUntil = null }, InstanceId, cancellationToken);
                return item;
            }

            // Finished: record it (still leased) before the notice, so a crash here loses no ticket.
            if (!await store.UpdateAsync(item, InstanceId, cancellationToken))
            {
                return item;
            }

            if (item.Status == OutboxStatus.Created)
            {
                await TellCreatedAsync(item, cancellationToken);
            }
        }

        if (item.NotifyPending)
        {
            item = await NotifyAsync(item, notifier, cancellationToken);
        }

        await store.UpdateAsync(item with { LeaseOwner = null, LeaseUntil = null }, InstanceId, cancellationToken);
        return item;
    }

    private async Task<(OutboxItem Item, TicketException? Failure)> SendClaimedAsync(OutboxItem item, bool notifyLater, CancellationToken cancellationToken)
    {
        try
        {
            TicketResult? ticket = null;
            if (item.Attempts > 1)
            {
                // An earlier attempt began and may have reached Jira before its answer was lost.
                ticket = await tickets.FindByDraftAsync(item.DraftId, cancellationToken);
            }

            var created = ticket is null;
            ticket ??= await tickets.CreateTicketAsync(item.Draft, cancellationToken);
            LogSent(item.DraftId, ticket.Key, item.Attempts, created);
            return (item with
            {
                Draft = await AttachEvidenceAsync(item.Draft, ticket, cancellationToken),
                Status = OutboxStatus.Created,
                TicketKey = ticket.Key,
                BrowseUrl = ticket.BrowseUrl.ToString(),
                NotifyPending = notifyLater && item.NotifyTarget is not null,
                UpdatedAt = timeProvider.GetUtcNow(),
            }, null);
        }
        catch (TicketException ex)
        {
            return (AfterFailure(item, ex, notifyLater), ex);
        }
    }

    /// <summary>
    /// The ticket exists (this attempt made it or an earlier one did): its evidence goes on now, after
    /// the create, so an upload can never block or repeat the ticket. What could not be attached rides on
    /// the returned item's draft for this process's reply or notice (stores keep a draft as recorded).
    /// </summary>
    private async Task<TicketDraft> AttachEvidenceAsync(TicketDraft draft, TicketResult ticket, CancellationToken cancellationToken)
    {
        if (draft.Evidence is not { IsEmpty: false } evidence)
        {
            return draft;
        }

        Evidence.AttachmentReport report;
        try
        {
            report = await tickets.AttachEvidenceAsync(ticket, draft, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEvidenceFailed(ex, draft.Id, ticket.Key);
            report = new Evidence.AttachmentReport([], [.. evidence.Files.Select(f => new Evidence.UnattachedFile(f.FileName, "the ticket system did not accept it"))]);
        }

        return draft with { Evidence = new Evidence.TicketEvidence([], [], Unattached: report.Failed) };
    }

    private OutboxItem AfterFailure(OutboxItem item, TicketException failure, bool notifyLater)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var giveUpAt = item.ArmedAt + settings.GiveUpAfter;
        var failed = item with
        {
            LastError = failure.Message,
            LastFailure = failure.Failure,
            UpdatedAt = now,
        };

        if (failure.IsTransient && now < giveUpAt)
        {
            var delay = OutboxBackoff.Delay(item.Attempts, settings.InitialBackoff, settings.MaxBackoff, Random.Shared.NextDouble());
            var next = now + delay < giveUpAt ? now + delay : giveUpAt;
            LogQueued(item.DraftId, item.Attempts, failure.Failure, next);
            return failed with { Status = OutboxStatus.Pending, NextAttemptAt = next };
        }

        LogGivenUp(item.DraftId, item.Attempts, failure.Failure, failure.Message);
        return failed with { Status = OutboxStatus.GivenUp, NotifyPending = notifyLater && item.NotifyTarget is not null };
    }

    private async Task<OutboxItem> NotifyAsync(OutboxItem item, ITicketNotifier notifier, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            await notifier.NotifyAsync(item, cancellationToken);
            LogNotified(item.DraftId, item.Status);
            return item with { NotifyPending = false, UpdatedAt = timeProvider.GetUtcNow() };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            if (now >= item.ArmedAt + settings.GiveUpAfter + settings.GiveUpAfter)
            {
                LogNoticeDropped(ex, item.DraftId);
                return item with { NotifyPending = false, UpdatedAt = now };
            }

            LogNoticeFailed(ex, item.DraftId);
            return item with { NextAttemptAt = now + settings.InitialBackoff, UpdatedAt = now };
        }
    }

    private async Task TellCreatedAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        foreach (var listener in _createdListeners)
        {
            try
            {
                await listener.OnCreatedAsync(item, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The ticket exists and its outcome must reach the user; a listener's trouble is only logged.
                LogListenerFailed(ex, item.DraftId, item.TicketKey);
            }
        }
    }

    /// <summary>Someone else holds the item: wait briefly for their outcome, then report what is known.</summary>
    private async Task<OutboxSubmission> AwaitOtherAttemptAsync(string draftId, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + options.Value.InProgressWait;
        while (true)
        {
            var item = await store.GetAsync(draftId, cancellationToken)
                ?? throw new InvalidOperationException($"Outbox item {draftId} vanished.");
            var now = timeProvider.GetUtcNow();
            var leased = item.LeaseUntil is { } until && until > now;
            switch (item.Status)
            {
                case OutboxStatus.Created:
                    return new OutboxSubmission(OutboxOutcome.AlreadyCreated, item);
                case OutboxStatus.GivenUp when !leased:
                    return new OutboxSubmission(OutboxOutcome.Rejected, item);
                case OutboxStatus.Pending when !leased:
                    return new OutboxSubmission(OutboxOutcome.Queued, item);
            }

            if (now >= deadline)
            {
                return new OutboxSubmission(OutboxOutcome.InProgress, item);
            }

            await Task.Delay(InProgressPoll, timeProvider, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: draft {DraftId} has ticket {TicketKey}, but a created-ticket listener failed")]
    private partial void LogListenerFailed(Exception exception, string draftId, string? ticketKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: recorded draft {DraftId}")]
    private partial void LogRecorded(string draftId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: draft {DraftId} confirmed again after giving up ({Failure}); retrying")]
    private partial void LogRearmed(string draftId, TicketFailure? failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: draft {DraftId} has ticket {TicketKey} (attempt {Attempt}, created now: {CreatedNow})")]
    private partial void LogSent(string draftId, string ticketKey, int attempt, bool createdNow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: draft {DraftId} attempt {Attempt} failed ({Failure}); queued, next attempt at {NextAttemptAt:o}")]
    private partial void LogQueued(string draftId, int attempt, TicketFailure failure, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: gave up on draft {DraftId} after {Attempts} attempts ({Failure}): {Detail}. The draft is kept in the outbox for an admin")]
    private partial void LogGivenUp(string draftId, int attempts, TicketFailure failure, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: the reply with the ticket of draft {DraftId} may not have reached the user; the worker sends it from {NextAttemptAt:o}")]
    private partial void LogReplyDeferred(string draftId, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: attaching the evidence of draft {DraftId} to {TicketKey} failed; the ticket stands")]
    private partial void LogEvidenceFailed(Exception exception, string draftId, string ticketKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: told the user about draft {DraftId} ({Status})")]
    private partial void LogNotified(string draftId, OutboxStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: could not tell the user about draft {DraftId}; will try again")]
    private partial void LogNoticeFailed(Exception exception, string draftId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: giving up telling the user about draft {DraftId}")]
    private partial void LogNoticeDropped(Exception exception, string draftId);
}
