using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Cards;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// Confirms or declines a ticket draft, whichever way the answer came (Execute, Submit, typed).
/// Confirmation goes through the ticket outbox, which is idempotent on the draft id across turns,
/// replicas and restarts: a second confirmation answers with the ticket the first made. The
/// conversation's draft mirrors the outcome. Returns the card that should replace the confirm card.
/// </summary>
public sealed partial class TicketConfirmation(TicketOutbox outbox, ILogger<TicketConfirmation> logger)
{
    public async Task<AdaptiveCard?> ConfirmAsync(ITurnContext context, SupportConversationData data, string draftId, string? cardActivityId, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(context, data, draftId, cardActivityId, cancellationToken) is not { } draft)
        {
            return null;
        }

        switch (draft.Status)
        {
            case DraftStatus.Created:
                await context.SendActivityAsync(SupportReplies.AlreadyCreated(draft.TicketKey!, draft.BrowseUrl), cancellationToken);
                return SupportCards.Created(draft);
            case DraftStatus.Declined:
                await context.SendActivityAsync(SupportReplies.AlreadyDeclined, cancellationToken);
                return SupportCards.Declined(draft);
            case DraftStatus.Pending:
                // Buttons off for every client before Jira is asked, so nobody clicks while it is sent.
                await ReplaceCardAsync(context, draft, SupportCards.Creating(draft), cancellationToken);
                break;
        }

        await context.SendTypingAsync(cancellationToken);
        var target = new TicketNotifyTarget(ConversationReference.From(context.Activity), draft.CardActivityId).Serialize();
        var submission = await outbox.SubmitAsync(ToTicketDraft(draft), target, cancellationToken);
        var wasQueued = draft.Status == DraftStatus.Queued;
        switch (submission.Outcome)
        {
            case OutboxOutcome.Created or OutboxOutcome.AlreadyCreated when submission.Ticket is { } ticket:
                return await AnswerCreatedAsync(context, data, draft, ticket, submission.Outcome == OutboxOutcome.Created, cancellationToken);

            case OutboxOutcome.Queued or OutboxOutcome.InProgress:
                MarkQueued(data, draft);
                LogQueued(draft.DraftId, submission.Outcome, submission.Failure?.Failure);
                await context.SendActivityAsync(
                    submission.Outcome == OutboxOutcome.InProgress ? SupportReplies.InProgress
                    : wasQueued || submission.Failure is null ? SupportReplies.AlreadyQueued
                    : SupportReplies.Queued,
                    cancellationToken);
                var queued = submission.Outcome == OutboxOutcome.InProgress ? SupportCards.Creating(draft) : SupportCards.Queued(draft);
                await ReplaceCardAsync(context, draft, queued, cancellationToken);
                return queued;

            default:
                // Refused for good: the confirm card comes back so it can be tried again once IT fixed the cause.
                draft.Status = DraftStatus.Pending;
                LogTicketFailed(draft.DraftId, submission.Item.LastFailure, submission.Item.LastError);
                await context.SendActivityAsync(SupportReplies.CreationFailed(submission.FailureMessage, canRetry: false), cancellationToken);
                var confirm = SupportCards.ConfirmTicket(draft);
                await ReplaceCardAsync(context, draft, confirm, cancellationToken);
                return confirm;
        }
    }

    /// <summary>Brings the conversation's copy of a draft in line with the outbox (after a concurrent save).</summary>
    public async Task SyncDraftAsync(SupportConversationData data, string draftId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FindDraft(draftId) is not { } draft || await outbox.GetAsync(draftId, cancellationToken) is not { } item)
        {
            return;
        }

        switch (item.Status)
        {
            case OutboxStatus.Created:
                draft.Status = DraftStatus.Created;
                draft.TicketKey = item.TicketKey;
                draft.BrowseUrl = item.BrowseUrl;
                ClearPending(data, draft);
                break;
            case OutboxStatus.Pending or OutboxStatus.Sending:
                MarkQueued(data, draft);
                break;
        }
    }

    public async Task<AdaptiveCard?> DeclineAsync(ITurnContext context, SupportConversationData data, string draftId, string? cardActivityId, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(context, data, draftId, cardActivityId, cancellationToken) is not { } draft)
        {
            return null;
        }

        switch (draft.Status)
        {
            case DraftStatus.Created:
                await context.SendActivityAsync(SupportReplies.AlreadyCreated(draft.TicketKey!, draft.BrowseUrl), cancellationToken);
                return SupportCards.Created(draft);
            case DraftStatus.Queued:
                await context.SendActivityAsync(SupportReplies.CannotDeclineQueued, cancellationToken);
                return SupportCards.Queued(draft);
        }

        var firstDecline = draft.Status == DraftStatus.Pending;
        draft.Status = DraftStatus.Declined;
        ClearPending(data, draft);
        var replacement = SupportCards.Declined(draft);
        if (firstDecline)
        {
            await context.SendActivityAsync(SupportReplies.Declined, cancellationToken);
            await ReplaceCardAsync(context, draft, replacement, cancellationToken);
        }

        return replacement;
    }

    private async Task<AdaptiveCard> AnswerCreatedAsync(ITurnContext context, SupportConversationData data, TicketDraftRecord draft, TicketResult ticket, bool createdNow, CancellationToken cancellationToken)
    {
        draft.Status = DraftStatus.Created;
        draft.TicketKey = ticket.Key;
        draft.BrowseUrl = ticket.BrowseUrl.ToString();
        ClearPending(data, draft);
        if (createdNow)
        {
            LogTicketCreated(draft.DraftId, ticket.Key);
            var reply = Activity.CreateMessageActivity(SupportReplies.Created(ticket.Key, ticket.BrowseUrl));
            reply.Attachments = [SupportCards.TicketLink(ticket.Key, ticket.BrowseUrl).ToAttachment()];
            await context.SendActivityAsync(reply, cancellationToken);
        }
        else
        {
            await context.SendActivityAsync(SupportReplies.AlreadyCreated(ticket.Key, draft.BrowseUrl), cancellationToken);
        }

        var replacement = SupportCards.Created(draft);
        await ReplaceCardAsync(context, draft, replacement, cancellationToken);
        return replacement;
    }

    private static void MarkQueued(SupportConversationData data, TicketDraftRecord draft)
    {
        draft.Status = DraftStatus.Queued;
        ClearPending(data, draft);
    }

    private static void ClearPending(SupportConversationData data, TicketDraftRecord draft)
    {
        if (data.PendingDraftId == draft.DraftId)
        {
            data.PendingDraftId = null;
        }
    }

    /// <summary>The draft a click or a "yes" is about, or null after telling the user it is gone.</summary>
    private static async Task<TicketDraftRecord?> FindDraftAsync(ITurnContext context, SupportConversationData data, string draftId, string? cardActivityId, CancellationToken cancellationToken)
    {
        var draft = data.FindDraft(draftId);
        if (draft is null)
        {
            await context.SendActivityAsync(SupportReplies.DraftNotFound, cancellationToken);
            return null;
        }

        draft.CardActivityId ??= cardActivityId;
        return draft;
    }

    private static TicketDraft ToTicketDraft(TicketDraftRecord draft) =>
        new(draft.DraftId, draft.Problem, draft.StepsShown, draft.ReporterName ?? "(unknown)", draft.ReporterObjectId ?? "(unknown)",
            ReporterEmail: draft.ReporterEmail, Fields: draft.Fields);

    /// <summary>Replaces the confirm card for everyone, so no client can click it again.</summary>
    private async Task ReplaceCardAsync(ITurnContext context, TicketDraftRecord draft, AdaptiveCard card, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(draft.CardActivityId))
        {
            return;
        }

        var update = Activity.CreateMessageActivity();
        update.Id = draft.CardActivityId;
        update.Attachments = [card.ToAttachment()];
        try
        {
            await context.UpdateActivityAsync(update, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or UntrustedServiceUrlException)
        {
            // The outcome stands either way; a stale card only answers with the same outcome if clicked.
            LogCardUpdateFailed(ex, draft.DraftId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketKey} created for draft {DraftId}")]
    private partial void LogTicketCreated(string draftId, string ticketKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket for draft {DraftId} not created yet ({Outcome}, {Failure}); the outbox retries it")]
    private partial void LogQueued(string draftId, OutboxOutcome outcome, TicketFailure? failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ticket creation failed for draft {DraftId}: {Failure}: {Detail}")]
    private partial void LogTicketFailed(string draftId, TicketFailure? failure, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not replace the confirm card of draft {DraftId}")]
    private partial void LogCardUpdateFailed(Exception exception, string draftId);
}
