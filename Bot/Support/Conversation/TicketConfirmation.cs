using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Cards;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Support.Conversation;

/// <summary>What a click or a typed answer comes back with: the card for the clicker, or a sentence instead.</summary>
public sealed record TicketAnswer(AdaptiveCard? Card, string? Notice = null);

/// <summary>
/// Confirms or declines a ticket draft, whichever way the answer came (Execute, Submit, typed).
/// Confirmation goes through the ticket outbox, which is idempotent on the draft id across turns,
/// replicas and restarts: a second confirmation answers with the ticket the first made. The
/// conversation's draft mirrors the outcome. Only the reporter may answer a draft in a group chat.
/// The connector never decides the outcome: the draft is recorded before anything is sent, typing
/// and card replacements are cosmetic, and a result reply that may not have arrived is sent again
/// by the outbox's proactive path.
/// </summary>
public sealed partial class TicketConfirmation(TicketOutbox outbox, TurnSends sends, ILogger<TicketConfirmation> logger)
{
    /// <summary>Set on the turn whose confirmation handed the conversation's evidence to the outbox.</summary>
    public const string EvidenceTakenKey = "ItSupport.EvidenceTaken";

    public async Task<TicketAnswer> ConfirmAsync(ITurnContext context, SupportConversationData data, string draftId, string? cardActivityId, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(context, data, draftId, cardActivityId, cancellationToken) is not { } draft)
        {
            return new TicketAnswer(null, SupportReplies.DraftNotFound);
        }

        var confirmer = ReporterCheck.Of(draft, context.Activity.From);
        if (confirmer == ReporterCheck.Someone.Else)
        {
            return await RefuseAsync(context, draft, SupportCards.OnlyReporterCanConfirm(draft), cancellationToken);
        }

        switch (draft.Status)
        {
            case DraftStatus.Created:
                await ReplyAsync(context, SupportReplies.AlreadyCreated(draft.TicketKey!, draft.BrowseUrl), cancellationToken);
                return new TicketAnswer(SupportCards.Created(draft));
            case DraftStatus.Declined:
                await ReplyAsync(context, SupportReplies.AlreadyDeclined, cancellationToken);
                return new TicketAnswer(SupportCards.Declined(draft));
        }

        var wasPending = draft.Status == DraftStatus.Pending;
        var target = new TicketNotifyTarget(ConversationReference.From(context.Activity), draft.CardActivityId).Serialize();
        var turn = new OutboxTurn(
            OnRecorded: () =>
            {
                // Only now that the draft is recorded: typing, and the buttons off for every client.
                sends.DecorateTyping(context, cancellationToken);
                if (wasPending)
                {
                    ReplaceCard(context, draft, SupportCards.Creating(draft), cancellationToken);
                }
            },
            AnswersInTurn: true);
        var confirmedBy = confirmer == ReporterCheck.Someone.Unknown && draft.InGroup ? Describe(context.Activity.From) : null;
        var submission = await outbox.SubmitAsync(ToTicketDraft(draft, confirmedBy, data.Evidence), target, turn, cancellationToken);
        if (data.Evidence is not null)
        {
            // The outbox holds the transcript and owns the files now (it removes them after the upload).
            data.Evidence = null;
            context.TurnState[EvidenceTakenKey] = true;
        }

        var wasQueued = draft.Status == DraftStatus.Queued;
        switch (submission.Outcome)
        {
            case OutboxOutcome.Created or OutboxOutcome.AlreadyCreated when submission.Ticket is { } ticket:
                return new TicketAnswer(await AnswerCreatedAsync(context, data, draft, submission, ticket, cancellationToken));

            case OutboxOutcome.Queued or OutboxOutcome.InProgress:
                MarkQueued(data, draft);
                if (!wasQueued && submission.Outcome == OutboxOutcome.Queued) context.ConcludeProblem(data, Insights.ProblemOutcome.TicketCreated);
                LogQueued(draft.DraftId, submission.Outcome, submission.Failure?.Failure);
                await ReplyAsync(
                    context,
                    submission.Outcome == OutboxOutcome.InProgress ? SupportReplies.InProgress
                    : wasQueued || submission.Failure is null ? SupportReplies.AlreadyQueued
                    : SupportReplies.Queued,
                    cancellationToken);
                var queued = submission.Outcome == OutboxOutcome.InProgress ? SupportCards.Creating(draft) : SupportCards.Queued(draft);
                ReplaceCard(context, draft, queued, cancellationToken);
                return new TicketAnswer(queued);

            default:
                // Refused for good: the confirm card comes back so it can be tried again once IT fixed the cause.
                draft.Status = DraftStatus.Pending;
                LogTicketFailed(draft.DraftId, submission.Item.LastFailure, submission.Item.LastError);
                await ReplyAsync(context, SupportReplies.CreationFailed(submission.FailureMessage, canRetry: false), cancellationToken);
                ReplaceCard(context, draft, SupportCards.ConfirmTicket(draft), cancellationToken);
                return new TicketAnswer(SupportCards.ConfirmTicket(draft, forReporter: true));
        }
    }

    /// <summary>
    /// The Universal Actions refresh of a card (Teams asks for each user in its userIds, and on a
    /// manual refresh): the draft as it stands, with the buttons only for the reporter. Sends nothing.
    /// </summary>
    public static TicketAnswer View(ITurnContext context, SupportConversationData data, string draftId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        if (data.FindDraft(draftId) is not { } draft)
        {
            return new TicketAnswer(null, SupportReplies.DraftNotFound);
        }

        return new TicketAnswer(draft.Status switch
        {
            DraftStatus.Created => SupportCards.Created(draft),
            DraftStatus.Declined => SupportCards.Declined(draft),
            DraftStatus.Queued => SupportCards.Queued(draft),
            _ => SupportCards.ConfirmTicket(draft, forReporter: ReporterCheck.Of(draft, context.Activity.From) == ReporterCheck.Someone.Reporter),
        });
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

    public async Task<TicketAnswer> DeclineAsync(ITurnContext context, SupportConversationData data, string draftId, string? cardActivityId, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(context, data, draftId, cardActivityId, cancellationToken) is not { } draft)
        {
            return new TicketAnswer(null, SupportReplies.DraftNotFound);
        }

        if (ReporterCheck.Of(draft, context.Activity.From) == ReporterCheck.Someone.Else)
        {
            return await RefuseAsync(context, draft, SupportReplies.OnlyReporterCanDecline(SupportCards.ReporterDisplayName(draft)), cancellationToken);
        }

        switch (draft.Status)
        {
            case DraftStatus.Created:
                await ReplyAsync(context, SupportReplies.AlreadyCreated(draft.TicketKey!, draft.BrowseUrl), cancellationToken);
                return new TicketAnswer(SupportCards.Created(draft));
            case DraftStatus.Queued:
                await ReplyAsync(context, SupportReplies.CannotDeclineQueued, cancellationToken);
                return new TicketAnswer(SupportCards.Queued(draft));
        }

        var firstDecline = draft.Status == DraftStatus.Pending;
        draft.Status = DraftStatus.Declined;
        ClearPending(data, draft);
        var replacement = SupportCards.Declined(draft);
        if (firstDecline)
        {
            context.ConcludeProblem(data, Insights.ProblemOutcome.Declined);
            await ReplyAsync(context, SupportReplies.Declined, cancellationToken);
            ReplaceCard(context, draft, replacement, cancellationToken);
        }

        return new TicketAnswer(replacement);
    }

    /// <summary>A colleague's answer: a click hears it privately (the invoke's answer), a typed one in the chat.</summary>
    private async Task<TicketAnswer> RefuseAsync(ITurnContext context, TicketDraftRecord draft, string sentence, CancellationToken cancellationToken)
    {
        LogNotReporter(draft.DraftId, context.Activity.Type);
        if (!context.Activity.IsType(ActivityTypes.Invoke))
        {
            await ReplyAsync(context, sentence, cancellationToken);
        }

        return new TicketAnswer(null, sentence);
    }

    private async Task<AdaptiveCard> AnswerCreatedAsync(ITurnContext context, SupportConversationData data, TicketDraftRecord draft, OutboxSubmission submission, TicketResult ticket, CancellationToken cancellationToken)
    {
        draft.Status = DraftStatus.Created;
        draft.TicketKey = ticket.Key;
        draft.BrowseUrl = ticket.BrowseUrl.ToString();
        ClearPending(data, draft);
        if (submission.Outcome == OutboxOutcome.Created)
        {
            LogTicketCreated(draft.DraftId, ticket.Key);
            context.ConcludeProblem(data, Insights.ProblemOutcome.TicketCreated);
            var reply = await sends.TryReplyAsync(context, Activity.CreateMessageActivity(SupportReplies.Created(ticket.Key, ticket.BrowseUrl)), "the created ticket's key", cancellationToken);
            // Recorded as created whatever happens here; a key that may not have arrived goes out again proactively.
            await outbox.SettleReplyAsync(submission.Item, reply.Delivered, reply.RetryAfter, cancellationToken);
            if (reply.Delivered && submission.Item.Draft.Evidence?.Unattached is { Count: > 0 } unattached)
            {
                var notice = Activity.CreateMessageActivity(Evidence.EvidenceReplies.NotAttached(ticket.Key, unattached));
                notice.TextFormat = Evidence.EvidenceReplies.TextFormat;
                await sends.TryReplyAsync(context, notice, "the files not attached", cancellationToken);
            }
        }
        else
        {
            await ReplyAsync(context, SupportReplies.AlreadyCreated(ticket.Key, draft.BrowseUrl), cancellationToken);
        }

        var replacement = SupportCards.Created(draft);
        ReplaceCard(context, draft, replacement, cancellationToken);
        return replacement;
    }

    private Task<ReplyOutcome> ReplyAsync(ITurnContext context, string text, CancellationToken cancellationToken) =>
        sends.TryReplyAsync(context, Activity.CreateMessageActivity(text), "a ticket reply", cancellationToken);

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

    /// <summary>The draft a click or a "yes" is about, or null when it is gone (the caller says so).</summary>
    private async Task<TicketDraftRecord?> FindDraftAsync(ITurnContext context, SupportConversationData data, string draftId, string? cardActivityId, CancellationToken cancellationToken)
    {
        var draft = data.FindDraft(draftId);
        if (draft is null)
        {
            if (!context.Activity.IsType(ActivityTypes.Invoke))
            {
                await ReplyAsync(context, SupportReplies.DraftNotFound, cancellationToken);
            }

            return null;
        }

        draft.CardActivityId ??= cardActivityId;
        return draft;
    }

    private static string? Describe(ChannelAccount? account) =>
        account is null ? null
        : $"{(string.IsNullOrWhiteSpace(account.Name) ? "(no name)" : account.Name.Trim())} ({account.AadObjectId ?? account.Id ?? "unknown id"})";

    private static TicketDraft ToTicketDraft(TicketDraftRecord draft, string? confirmedBy, Evidence.ConversationEvidence? evidence) =>
        new(draft.DraftId, draft.Problem, draft.StepsShown, draft.ReporterName ?? "(unknown)", draft.ReporterObjectId ?? "(unknown)",
            ConfirmedBy: confirmedBy, ReporterEmail: draft.ReporterEmail, Fields: draft.Fields, Evidence: evidence?.ToTicketEvidence());

    /// <summary>Replaces the card for everyone (so no client can click it again), beside the turn.</summary>
    private void ReplaceCard(ITurnContext context, TicketDraftRecord draft, AdaptiveCard card, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(draft.CardActivityId))
        {
            return;
        }

        var update = Activity.CreateMessageActivity();
        update.Id = draft.CardActivityId;
        update.Attachments = [card.ToAttachment()];
        sends.Decorate(context, "card update", token => context.UpdateActivityAsync(update, token), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketKey} created for draft {DraftId}")]
    private partial void LogTicketCreated(string draftId, string ticketKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket for draft {DraftId} not created yet ({Outcome}, {Failure}); the outbox retries it")]
    private partial void LogQueued(string draftId, OutboxOutcome outcome, TicketFailure? failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ticket creation failed for draft {DraftId}: {Failure}: {Detail}")]
    private partial void LogTicketFailed(string draftId, TicketFailure? failure, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer to draft {DraftId} ({ActivityType}) refused: not the reporter")]
    private partial void LogNotReporter(string draftId, string? activityType);
}
