using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Cards;
using TeamsItBot.Tickets;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// Confirms or declines a ticket draft, whichever way the answer came (Execute, Submit, typed).
/// Idempotent on the draft id: a second confirmation answers with the ticket the first made.
/// Returns the card that should replace the confirm card.
/// </summary>
public sealed partial class TicketConfirmation(ITicketService tickets, ILogger<TicketConfirmation> logger)
{
    public async Task<AdaptiveCard?> ConfirmAsync(ITurnContext context, SupportConversationData data, string draftId, string? cardActivityId, CancellationToken cancellationToken)
    {
        var draft = data.FindDraft(draftId);
        if (draft is null)
        {
            await context.SendActivityAsync(SupportReplies.DraftNotFound, cancellationToken);
            return null;
        }

        draft.CardActivityId ??= cardActivityId;
        switch (draft.Status)
        {
            case DraftStatus.Created:
                await context.SendActivityAsync(SupportReplies.AlreadyCreated(draft.TicketKey!, draft.BrowseUrl), cancellationToken);
                return SupportCards.Created(draft);
            case DraftStatus.Declined:
                await context.SendActivityAsync(SupportReplies.AlreadyDeclined, cancellationToken);
                return SupportCards.Declined(draft);
        }

        await context.SendTypingAsync(cancellationToken);
        TicketResult result;
        try
        {
            result = await tickets.CreateTicketAsync(ToTicketDraft(draft), cancellationToken);
        }
        catch (TicketException ex)
        {
            LogTicketFailed(ex, draft.DraftId, ex.Failure);
            await context.SendActivityAsync(SupportReplies.CreationFailed(ex.UserMessage, ex.IsTransient), cancellationToken);
            return SupportCards.ConfirmTicket(draft);
        }

        draft.Status = DraftStatus.Created;
        draft.TicketKey = result.Key;
        draft.BrowseUrl = result.BrowseUrl.ToString();
        if (data.PendingDraftId == draft.DraftId)
        {
            data.PendingDraftId = null;
        }

        LogTicketCreated(draft.DraftId, result.Key);
        var reply = Activity.CreateMessageActivity(SupportReplies.Created(result.Key, result.BrowseUrl));
        reply.Attachments = [SupportCards.TicketLink(result.Key, result.BrowseUrl).ToAttachment()];
        await context.SendActivityAsync(reply, cancellationToken);

        var replacement = SupportCards.Created(draft);
        await ReplaceCardAsync(context, draft, replacement, cancellationToken);
        return replacement;
    }

    public async Task<AdaptiveCard?> DeclineAsync(ITurnContext context, SupportConversationData data, string draftId, string? cardActivityId, CancellationToken cancellationToken)
    {
        var draft = data.FindDraft(draftId);
        if (draft is null)
        {
            await context.SendActivityAsync(SupportReplies.DraftNotFound, cancellationToken);
            return null;
        }

        draft.CardActivityId ??= cardActivityId;
        if (draft.Status == DraftStatus.Created)
        {
            await context.SendActivityAsync(SupportReplies.AlreadyCreated(draft.TicketKey!, draft.BrowseUrl), cancellationToken);
            return SupportCards.Created(draft);
        }

        var firstDecline = draft.Status == DraftStatus.Pending;
        draft.Status = DraftStatus.Declined;
        if (data.PendingDraftId == draft.DraftId)
        {
            data.PendingDraftId = null;
        }

        var replacement = SupportCards.Declined(draft);
        if (firstDecline)
        {
            await context.SendActivityAsync(SupportReplies.Declined, cancellationToken);
            await ReplaceCardAsync(context, draft, replacement, cancellationToken);
        }

        return replacement;
    }

    private static TicketDraft ToTicketDraft(TicketDraftRecord draft) =>
        new(draft.DraftId, draft.Problem, draft.StepsShown, draft.ReporterName ?? "(unknown)", draft.ReporterObjectId ?? "(unknown)");

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
            // The ticket exists either way; a stale card only answers "already created" if clicked.
            LogCardUpdateFailed(ex, draft.DraftId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketKey} created for draft {DraftId}")]
    private partial void LogTicketCreated(string draftId, string ticketKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ticket creation failed for draft {DraftId}: {Failure}")]
    private partial void LogTicketFailed(Exception exception, string draftId, TicketFailure failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not replace the confirm card of draft {DraftId}")]
    private partial void LogCardUpdateFailed(Exception exception, string draftId);
}
