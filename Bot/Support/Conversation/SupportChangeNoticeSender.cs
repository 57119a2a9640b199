using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Framework.State;
using TeamsItBot.Support.Cards;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Notifications;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// Tells an employee what changed on a ticket they filed: a proactive message in the conversation
/// where they filed it, in the conversation's language, and the created-ticket card updated in place
/// to show the current status. 403/404 from the connector mean the bot was removed there.
/// </summary>
public sealed partial class SupportChangeNoticeSender(
    CloudAdapter adapter,
    TrustedServiceUrls trustedServiceUrls,
    SupportStateAccessors state,
    KeyedLock conversationLocks,
    SatisfactionSurvey satisfaction,
    ILogger<SupportChangeNoticeSender> logger) : IChangeNoticeSender
{
    public string ConversationOf(string notifyTarget) =>
        TicketNotifyTarget.Parse(notifyTarget) is { Reference.Conversation.Id: { } id } target
            ? $"{target.Reference.ServiceUrl?.TrimEnd('/')}|{id}"
            : notifyTarget;

    public async Task<ChangeNoticeResult> SendAsync(ChangeNotice notice, string notifyTarget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (TicketNotifyTarget.Parse(notifyTarget) is not { } target)
        {
            // Nobody can ever be told through an unreadable target: the same as a conversation that is gone.
            LogNoTarget(notice.TicketKey);
            return ChangeNoticeResult.ConversationGone;
        }

        trustedServiceUrls.Trust(target.Reference.ServiceUrl);
        using var _ = await conversationLocks.AcquireAsync(target.Reference.Conversation.Id ?? string.Empty, cancellationToken);
        try
        {
            await adapter.ContinueConversationAsync(target.Reference, (turn, token) => AnnounceAsync(turn, notice, target, token), cancellationToken);
            return ChangeNoticeResult.Delivered;
        }
        catch (ConnectorException ex) when (ex.StatusCode is 403 or 404)
        {
            return ChangeNoticeResult.ConversationGone;
        }
        catch (ConnectorException ex) when (ex.StatusCode == 429 && ex.RetryAfter is { } retryAfter)
        {
            return ChangeNoticeResult.Later(retryAfter);
        }
    }

    private async Task AnnounceAsync(ITurnContext turn, ChangeNotice notice, TicketNotifyTarget target, CancellationToken outer)
    {
        var data = await state.GetDataAsync(turn, outer);
        turn.TurnState[LocalizingTurnContext.LanguageKey] = data.Language;
        var localized = new LocalizingTurnContext(turn);

        // Bounded: a hanging connector must not hold the worker for the HttpClient's 30 s; the notice is retried.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(outer);
        bounded.CancelAfter(TurnSends.CosmeticTimeout);
        var message = Activity.CreateMessageActivity(ChangeNoticeCards.Headline(notice));
        message.Attachments = [ChangeNoticeCards.Notice(notice).ToAttachment()];
        await localized.SendActivityAsync(message, bounded.Token);
        await UpdateCardAsync(localized, data, notice, target, bounded.Token, outer);
        if (notice.Kind == TicketChangeKind.Resolved)
        {
            await OfferSurveyAsync(localized, notice, bounded.Token, outer);
        }
    }

    /// <summary>After the notice: a failure here must not make the worker send the notice again.</summary>
    private async Task OfferSurveyAsync(LocalizingTurnContext turn, ChangeNotice notice, CancellationToken cancellationToken, CancellationToken outer)
    {
        try
        {
            await satisfaction.TrySendAsync(turn, notice.TicketKey, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !outer.IsCancellationRequested))
        {
            LogSurveyFailed(ex, notice.TicketKey);
        }
    }

    private async Task UpdateCardAsync(LocalizingTurnContext localized, SupportConversationData data, ChangeNotice notice, TicketNotifyTarget target, CancellationToken cancellationToken, CancellationToken outer)
    {
        if (string.IsNullOrEmpty(target.CardActivityId) || notice.CurrentStatus is null)
        {
            return;
        }

        var record = data.Drafts.FindLast(d => string.Equals(d.TicketKey, notice.TicketKey, StringComparison.Ordinal)) ?? new TicketDraftRecord
        {
            DraftId = notice.TicketKey,
            Problem = notice.Summary ?? string.Empty,
            TicketKey = notice.TicketKey,
            BrowseUrl = notice.BrowseUrl,
        };
        var update = Activity.CreateMessageActivity();
        update.Id = target.CardActivityId;
        update.Attachments = [SupportCards.Created(record, notice.CurrentStatus).ToAttachment()];
        try
        {
            await localized.UpdateActivityAsync(update, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !outer.IsCancellationRequested))
        {
            // The message went out, and a resend would repeat it: a stale card is only logged.
            LogCardUpdateFailed(ex, notice.TicketKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications: the notify target of {TicketKey} is unreadable; nobody to tell")]
    private partial void LogNoTarget(string ticketKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications: could not offer the satisfaction survey for {TicketKey}")]
    private partial void LogSurveyFailed(Exception exception, string ticketKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications: could not update the card of {TicketKey} to its current status")]
    private partial void LogCardUpdateFailed(Exception exception, string ticketKey);
}
