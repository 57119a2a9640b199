using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Framework.State;
using TeamsItBot.Support.Cards;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// Announces a ticket the outbox finished in the background: a proactive message in the conversation
/// where it was confirmed, the confirm card replaced, and the conversation's draft brought up to date.
/// </summary>
public sealed partial class SupportTicketNotifier(
    CloudAdapter adapter,
    TrustedServiceUrls trustedServiceUrls,
    SupportStateAccessors state,
    KeyedLock conversationLocks,
    ILogger<SupportTicketNotifier> logger) : ITicketNotifier
{
    public async Task NotifyAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (TicketNotifyTarget.Parse(item.NotifyTarget) is not { } target)
        {
            LogNoTarget(item.DraftId);
            return;
        }

        // It was the serviceUrl of an authenticated activity when recorded; a restart forgot that.
        trustedServiceUrls.Trust(target.Reference.ServiceUrl);
        using var _ = await conversationLocks.AcquireAsync(target.Reference.Conversation.Id ?? string.Empty, cancellationToken);
        await adapter.ContinueConversationAsync(target.Reference, (turn, token) => AnnounceAsync(turn, item, target, token), cancellationToken);
    }

    private async Task AnnounceAsync(ITurnContext proactive, OutboxItem item, TicketNotifyTarget target, CancellationToken outer)
    {
        var record = await UpdateDraftAsync(proactive, item, outer);
        // Told later, in the language the conversation was in (UpdateDraftAsync put it in the turn's state).
        var turn = new LocalizingTurnContext(proactive);
        // Bounded: a hanging connector must not hold the worker for the HttpClient's 30 s; the outbox tries again.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(outer);
        bounded.CancelAfter(TurnSends.CosmeticTimeout);
        var cancellationToken = bounded.Token;
        AdaptiveCard card;
        if (item.Status == OutboxStatus.Created && item.Result is { } ticket)
        {
            // Made at the first attempt, in the confirming turn, whose reply may not have arrived: the same words as that reply.
            var text = item.Attempts <= 1 && item.LastFailure is null
                ? SupportReplies.Created(ticket.Key, ticket.BrowseUrl)
                : SupportReplies.CreatedLater(ticket.Key, ticket.BrowseUrl.ToString());
            await turn.SendActivityAsync(Activity.CreateMessageActivity(text), cancellationToken);
            if (item.Draft.Evidence?.Unattached is { Count: > 0 } unattached)
            {
                var notice = Activity.CreateMessageActivity(Evidence.EvidenceReplies.NotAttached(ticket.Key, unattached));
                notice.TextFormat = Evidence.EvidenceReplies.TextFormat;
                await turn.SendActivityAsync(notice, cancellationToken);
            }

            card = SupportCards.Created(record);
        }
        else
        {
            var reason = item.LastFailure is TicketFailure.BackendUnavailable or TicketFailure.Timeout
                ? SupportReplies.GaveUpUnavailable
                : new OutboxSubmission(OutboxOutcome.Rejected, item).FailureMessage;
            await turn.SendActivityAsync(SupportReplies.GaveUp(reason, item.DraftId), cancellationToken);
            card = SupportCards.NotCreated(record);
        }

        if (!string.IsNullOrEmpty(target.CardActivityId))
        {
            var update = Activity.CreateMessageActivity();
            update.Id = target.CardActivityId;
            update.Attachments = [card.ToAttachment()];
            try
            {
                await turn.UpdateActivityAsync(update, cancellationToken);
            }
            catch (Exception ex) when (ex is ConnectorException or HttpRequestException or IOException
                || (ex is OperationCanceledException && !outer.IsCancellationRequested))
            {
                // The message went out; a stale card only answers with the ticket if clicked.
                LogCardUpdateFailed(ex, item.DraftId);
            }
        }
    }

    /// <summary>Marks the conversation's draft; the state is a cache of the outbox, so a conflict is only logged.</summary>
    private async Task<TicketDraftRecord> UpdateDraftAsync(ITurnContext turn, OutboxItem item, CancellationToken cancellationToken)
    {
        var data = await state.GetDataAsync(turn, cancellationToken);
        turn.TurnState[LocalizingTurnContext.LanguageKey] = data.Language;
        var draft = data.FindDraft(item.DraftId);
        if (draft is null)
        {
            return new TicketDraftRecord
            {
                DraftId = item.DraftId,
                Problem = item.Draft.OriginalProblem,
                StepsShown = [.. item.Draft.StepsShown],
                TicketKey = item.TicketKey,
                BrowseUrl = item.BrowseUrl,
            };
        }

        if (item.Status == OutboxStatus.Created)
        {
            draft.Status = DraftStatus.Created;
            draft.TicketKey = item.TicketKey;
            draft.BrowseUrl = item.BrowseUrl;
        }
        else
        {
            // Given up: a typed "yes" may try this draft again (the outbox re-arms it).
            draft.Status = DraftStatus.Pending;
            data.PendingDraftId = draft.DraftId;
        }

        try
        {
            await state.ConversationState.SaveChangesAsync(turn, cancellationToken: cancellationToken);
        }
        catch (StorageConcurrencyException ex)
        {
            LogStateConflict(ex, item.DraftId);
        }

        return draft;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox item {DraftId} has no readable notification target; nobody to tell")]
    private partial void LogNoTarget(string draftId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not replace the card of draft {DraftId} after a background outcome")]
    private partial void LogCardUpdateFailed(Exception exception, string draftId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation state of draft {DraftId} changed meanwhile; the outbox stays the record")]
    private partial void LogStateConflict(Exception exception, string draftId);
}
