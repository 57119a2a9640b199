using System.Text.Json;
using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Framework.State;
using TeamsItBot.Support.Cards;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.Dialogs;
using TeamsItBot.Support.Understanding;

namespace TeamsItBot.Support;

/// <summary>
/// The IT-support bot: welcome, messages into the dialogs, and the ticket card's buttons
/// (Action.Execute invokes and their Action.Submit fallback) handled the same way.
/// </summary>
public sealed partial class ItSupportBot(
    SupportStateAccessors state,
    MainDialog mainDialog,
    TicketConfirmation confirmation,
    FollowUp.FollowUpConversation followUp,
    FollowUp.CreatedTicketRefresh createdTicketRefresh,
    KeyedLock conversationLocks,
    SupportOutcomeReporter outcomes,
    Evidence.EvidenceCollector evidence,
    TimeProvider timeProvider,
    SatisfactionSurvey satisfaction,
    ILogger<ItSupportBot> logger) : ActivityHandler
{
    private const string CardActionDraftKey = "ItSupport.CardActionDraftId";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        // Two clicks of one card (Execute plus its Submit fallback) arrive together: run them in turn.
        using var _ = await conversationLocks.AcquireAsync(turnContext.Activity.Conversation?.Id ?? string.Empty, cancellationToken);
        turnContext = new LocalizingTurnContext(new Evidence.TranscriptRecordingContext(turnContext, timeProvider));
        var data = await state.GetDataAsync(turnContext, cancellationToken);
        outcomes.ConcludeIfSilent(turnContext, data);
        await base.OnTurnAsync(turnContext, cancellationToken);
        await evidence.AfterTurnAsync(turnContext, await state.GetDataAsync(turnContext, cancellationToken), cancellationToken);
        await outcomes.ReportAsync(turnContext, cancellationToken);
        outcomes.Touch(await state.GetDataAsync(turnContext, cancellationToken));
        try
        {
            await state.ConversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        }
        catch (StorageConcurrencyException) when (turnContext.TurnState.TryGetValue(CardActionDraftKey, out var value) && value is string draftId)
        {
            // Another replica saved this conversation meanwhile (the Execute and the Submit of one click
            // landed on two replicas). The outbox holds the ticket's truth: merge just that draft's outcome.
            LogStateMerged(draftId);
            await state.ConversationState.LoadAsync(turnContext, force: true, cancellationToken);
            await confirmation.SyncDraftAsync(await state.GetDataAsync(turnContext, cancellationToken), draftId, cancellationToken);
            await state.ConversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var value = activity.GetValueElement();
        if (activity.IsGroupConversation() && value is null)
        {
            if (!activity.MentionsRecipient())
            {
                return;
            }

            activity.Text = activity.RemoveRecipientMention();
        }

        Evidence.EvidenceCollector.MarkHandled(turnContext);

        await DecideLanguageAsync(turnContext, activity.Text, cancellationToken);

        if (SupportOutcomeReporter.IsFeedback(value))
        {
            await outcomes.TryHandleFeedbackAsync(turnContext, value, reply: true, cancellationToken);
            return;
        }

        if (SatisfactionSurvey.IsAnswer(value))
        {
            if (await satisfaction.TryHandleAnswerAsync(turnContext, value, reply: true, cancellationToken) is null)
            {
                await turnContext.SendActivityAsync(SupportReplies.UnknownCardAction, cancellationToken);
            }

            return;
        }

        if (value is { ValueKind: JsonValueKind.Object } submitted && submitted.TryGetProperty("verb", out var verb)
            && verb.ValueKind == JsonValueKind.String && FollowUp.FollowUpConversation.IsFollowUpVerb(verb.GetString()))
        {
            await followUp.HandleCardAsync(turnContext, verb.GetString()!, submitted, cancellationToken);
            return;
        }

        if (CardAction.TryRead(value) is { } action)
        {
            await HandleCardActionAsync(turnContext, action, cardActivityId: activity.ReplyToId, cancellationToken);
            return;
        }

        // Card buttons that answer "as if typed": imBack reaches some clients as a value, not text,
        // and in group chats the answer is submitted as data.
        if (string.IsNullOrWhiteSpace(activity.Text) && CardAction.ReadAnswerText(value) is { } typed)
        {
            activity.Text = typed;
        }

        activity.Text = activity.Text?.Trim();
        if (Evidence.EvidenceCollector.CarriesFiles(activity) && await state.GetDataAsync(turnContext, cancellationToken) is { } open
            && (open.OpenProblem is not null || open.PendingDraftId is not null))
        {
            // A screenshot with "this is the error I get" is evidence for the problem being worked on, not a
            // new problem: the words go to the transcript and the files are kept at the end of the turn.
            return;
        }

        if (string.IsNullOrEmpty(activity.Text))
        {
            // Files alone are answered at the end of the turn, where they are kept for the open problem.
            if (!Evidence.EvidenceCollector.CarriesFiles(activity))
            {
                await turnContext.SendActivityAsync(SupportReplies.NonTextMessage, cancellationToken);
            }

            return;
        }

        // Ticket follow-ups ("my tickets", "status of ITSUPPORT-1", "close it") come before topic matching
        // and leave any dialog in progress where it was.
        if (await followUp.TryHandleMessageAsync(turnContext, cancellationToken))
        {
            return;
        }

        await mainDialog.RunAsync(turnContext, state.DialogState, cancellationToken);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        await DecideLanguageAsync(turnContext, null, cancellationToken);
        // The invoke's answer goes back in the HTTP response, past the localizing sends: translated here.
        var language = turnContext.TurnState[LocalizingTurnContext.LanguageKey] as string;
        var unknown = ReplyTranslations.Translate(SupportReplies.UnknownCardAction, language);

        if (invokeValue.Verb == FeedbackCards.Verb)
        {
            return await outcomes.TryHandleFeedbackAsync(turnContext, invokeValue.Data, reply: false, cancellationToken) is { } thanks
                ? AdaptiveCardInvokeResponse.Card(LocalizingTurnContext.Localize(thanks, language))
                : AdaptiveCardInvokeResponse.Error(400, "BadRequest", unknown);
        }

        if (invokeValue.Verb == SatisfactionCards.Verb)
        {
            return await satisfaction.TryHandleAnswerAsync(turnContext, invokeValue.Data, reply: false, cancellationToken) is { } rated
                ? AdaptiveCardInvokeResponse.Card(rated)
                : AdaptiveCardInvokeResponse.Error(400, "BadRequest", SupportReplies.UnknownCardAction);
        }

        if (invokeValue.Verb == SupportCards.TicketStatusVerb)
        {
            // Teams asking for the reporter's view of the created-ticket card: nothing sent, dialogs left alone.
            return await createdTicketRefresh.ViewAsync(turnContext, invokeValue.Data, cancellationToken) is { } view
                ? AdaptiveCardInvokeResponse.Card(LocalizingTurnContext.Localize(view, turnContext.TurnState[LocalizingTurnContext.LanguageKey] as string))
                : AdaptiveCardInvokeResponse.Message(SupportReplies.DraftNotFound);
        }

        if (FollowUp.FollowUpConversation.IsFollowUpVerb(invokeValue.Verb))
        {
            var result = await followUp.HandleCardAsync(turnContext, invokeValue.Verb!, invokeValue.Data, cancellationToken);
            return result.Card is null
                ? AdaptiveCardInvokeResponse.Message(ReplyTranslations.Translate(result.Message, language))
                : AdaptiveCardInvokeResponse.Card(LocalizingTurnContext.Localize(result.Card, language));
        }

        var action = CardAction.FromInvoke(invokeValue);
        if (action is null)
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", unknown);
        }

        var answer = await HandleCardActionAsync(turnContext, action, turnContext.Activity.ReplyToId, cancellationToken);
        return answer.Card is { } card
            ? AdaptiveCardInvokeResponse.Card(LocalizingTurnContext.Localize(card, language))
            : AdaptiveCardInvokeResponse.Message(ReplyTranslations.Translate(answer.Notice ?? SupportReplies.DraftNotFound, language));
    }

    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id)
            ? WelcomeOnceAsync(turnContext, cancellationToken)
            : Task.CompletedTask;

    protected override Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Action is "add" or "add-upgrade"
            ? WelcomeOnceAsync(turnContext, cancellationToken)
            : Task.CompletedTask;

    /// <summary>The turn's language: clear text first, then the conversation's, then the Teams locale.</summary>
    private async Task DecideLanguageAsync(ITurnContext turnContext, string? text, CancellationToken cancellationToken)
    {
        var data = await state.GetDataAsync(turnContext, cancellationToken);
        data.Language = LanguageDetector.Decide(text, data.Language, turnContext.Activity.Locale);
        turnContext.TurnState[LocalizingTurnContext.LanguageKey] = data.Language;
    }

    private async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = await state.GetDataAsync(turnContext, cancellationToken);
        if (data.Welcomed)
        {
            return;
        }

        data.Welcomed = true;
        // Teams sends the user's locale with the installation and the members-added update.
        await DecideLanguageAsync(turnContext, null, cancellationToken);
        var activity = turnContext.Activity;
        await turnContext.SendActivityAsync(
            activity.IsGroupConversation() ? SupportReplies.WelcomeGroup : SupportReplies.Welcome(activity.From?.Name),
            cancellationToken);
    }

    private async Task<TicketAnswer> HandleCardActionAsync(ITurnContext turnContext, CardAction action, string? cardActivityId, CancellationToken cancellationToken)
    {
        LogCardAction(action.Verb, turnContext.Activity.Type);
        var data = await state.GetDataAsync(turnContext, cancellationToken);
        if (action.DraftId is null)
        {
            await turnContext.SendActivityAsync(SupportReplies.UnknownCardAction, cancellationToken);
            return new TicketAnswer(null, SupportReplies.UnknownCardAction);
        }

        if (action.Verb == SupportCards.RefreshVerb)
        {
            // Teams asking for one user's view of the card: no decision, nothing sent, dialogs left alone.
            return TicketConfirmation.View(turnContext, data, action.DraftId);
        }

        turnContext.TurnState[CardActionDraftKey] = action.DraftId;

        // A click settles the ticket question: whatever the dialogs were waiting for is over.
        await ClearDialogsAsync(turnContext, cancellationToken);
        return action.Verb switch
        {
            SupportCards.CreateVerb => await confirmation.ConfirmAsync(turnContext, data, action.DraftId, cardActivityId, cancellationToken),
            SupportCards.DeclineVerb => await confirmation.DeclineAsync(turnContext, data, action.DraftId, cardActivityId, cancellationToken),
            _ => new TicketAnswer(null, SupportReplies.UnknownCardAction),
        };
    }

    private Task ClearDialogsAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        state.DialogState.DeleteAsync(turnContext, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation state changed by another turn during card action on draft {DraftId}; merged the draft's outcome")]
    private partial void LogStateMerged(string draftId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card action {Verb} received as {ActivityType}")]
    private partial void LogCardAction(string verb, string? activityType);

    /// <summary>A click on the ticket card: its verb and the draft it is about.</summary>
    private sealed record CardAction(string Verb, string? DraftId)
    {
        public static CardAction? FromInvoke(AdaptiveCardInvokeValue value) =>
            value.Verb is SupportCards.CreateVerb or SupportCards.DeclineVerb or SupportCards.RefreshVerb
                ? new CardAction(value.Verb, GetString(value.Data, SupportCards.DraftIdKey))
                : null;

        /// <summary>The Submit fallback: <c>value</c> is the action's data with the verb in it.</summary>
        public static CardAction? TryRead(JsonElement? value) =>
            value is { ValueKind: JsonValueKind.Object } data && GetString(data, "verb") is SupportCards.CreateVerb or SupportCards.DeclineVerb
                ? new CardAction(GetString(data, "verb")!, GetString(data, SupportCards.DraftIdKey))
                : null;

        public static string? ReadAnswerText(JsonElement? value) =>
            value is not { ValueKind: JsonValueKind.Object } data ? null
            : data.TryGetProperty("msteams", out var msteams) && msteams.ValueKind == JsonValueKind.Object
                ? GetString(msteams, "value") ?? GetString(msteams, "text")
                : GetString(data, SupportCards.AnswerKey);

        private static string? GetString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
                ? p.GetString()
                : null;
    }
}
