using System.Text;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.Understanding;

namespace TeamsItBot.Support.Dialogs;

/// <summary>
/// The root: reads each new message (intents first, then the problem's topic) and routes it, and handles
/// the interruptions "help" and "cancel"/"start over" at any point, as the SDK's CancelAndHelpDialog does.
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    private const string RouteWaterfall = "route";

    // "my office chair is broken" reaches the Office guide by one word; a real IT problem scores more.
    private const double OutOfScopeBelowScore = 4.5;
    private readonly SupportStateAccessors _state;
    private readonly TicketConfirmation _confirmation;
    private readonly Understander _understander;
    private readonly IReadOnlyList<ISupportIntentHandler> _handlers;

    public MainDialog(
        SupportStateAccessors state,
        TicketConfirmation confirmation,
        Understander understander,
        IEnumerable<ISupportIntentHandler> handlers,
        TroubleshootingDialog troubleshooting,
        TicketRequestDialog ticketRequest)
        : base(nameof(MainDialog))
    {
        _state = state;
        _confirmation = confirmation;
        _understander = understander;
        _handlers = [.. handlers];
        AddDialog(troubleshooting);
        AddDialog(ticketRequest);
        AddDialog(new WaterfallDialog(RouteWaterfall, [RouteAsync, FinishAsync]));
        InitialDialogId = RouteWaterfall;
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var message = await ReadAsync(innerDc.Context, innerDc.Context.Activity.Text, cancellationToken);
        if (message.Intents.Contains(IntentIds.Help))
        {
            await SendHelpAsync(innerDc.Context, cancellationToken);
            await innerDc.RepromptDialogAsync(cancellationToken);
            return Dialog.EndOfTurn;
        }

        if (message.Intents.Contains(IntentIds.Cancel) && !message.Intents.Contains(IntentIds.Decline))
        {
            // Dropped means dropped: a later "still not working" must not bring the old problem back.
            var data = await _state.GetDataAsync(innerDc.Context, cancellationToken);
            data.LastProblem = null;
            data.LastTopicId = null;
            await innerDc.Context.SendActivityAsync(SupportReplies.Cancelled, cancellationToken);
            innerDc.Context.ConcludeProblem(await _state.GetDataAsync(innerDc.Context, cancellationToken), Insights.ProblemOutcome.Abandoned);
            return await innerDc.CancelAllDialogsAsync(cancellationToken);
        }

        return await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }

    private async Task<UnderstoodMessage> ReadAsync(ITurnContext context, string? text, CancellationToken cancellationToken)
    {
        var data = await _state.GetDataAsync(context, cancellationToken);
        return _understander.Read(text, data.Language ?? LanguageDetector.English);
    }

    private async Task<DialogTurnResult> RouteAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var text = step.GetOptions<string>() ?? context.Activity.Text ?? string.Empty;
        var data = await _state.GetDataAsync(context, cancellationToken);
        var message = _understander.Read(text, data.Language ?? LanguageDetector.English);
        string? modelTopic = null;
        if (_understander.CanAskModel && message.Intents.Count == 0 && _understander.FindTopic(text, message.Language).Match is null)
        {
            // Nothing local fits: the model may place it, among our own ids only.
            var chosen = await _understander.AskModelAsync(text, message.Language, cancellationToken);
            if (chosen is not null && Understander.IsModelIntent(chosen))
            {
                message = message with { Intents = new HashSet<string>(StringComparer.Ordinal) { chosen } };
            }
            else
            {
                modelTopic = chosen;
            }
        }

        var intents = message.Intents;

        if (intents.Contains(IntentIds.Help))
        {
            await SendHelpAsync(context, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        if (intents.Contains(IntentIds.Cancel) && !intents.Contains(IntentIds.Decline))
        {
            await context.SendActivityAsync(SupportReplies.NothingToCancel, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var pending = data.FindDraft(data.PendingDraftId);
        var bareRequest = intents.Contains(IntentIds.TicketRequest) && _understander.TicketDescription(text, message.Language) is null;
        if (intents.Contains(IntentIds.Confirm) || (pending?.Status == DraftStatus.Pending && bareRequest))
        {
            // A "yes" typed after the card was clicked answers with the ticket the click made.
            var target = pending ?? data.Drafts.LastOrDefault(d => d.Status is DraftStatus.Created or DraftStatus.Queued);
            if (target is null)
            {
                await context.SendActivityAsync(SupportReplies.NoPendingTicket, cancellationToken);
            }
            else
            {
                await _confirmation.ConfirmAsync(context, data, target.DraftId, cardActivityId: null, cancellationToken);
            }

            return await step.EndDialogAsync(null, cancellationToken);
        }

        if (intents.Contains(IntentIds.Decline))
        {
            if (pending is null)
            {
                await context.SendActivityAsync(SupportReplies.NoPendingTicket, cancellationToken);
            }
            else
            {
                await _confirmation.DeclineAsync(context, data, pending.DraftId, cardActivityId: null, cancellationToken);
            }

            return await step.EndDialogAsync(null, cancellationToken);
        }

        // "What's the status of my ticket?" mentions a ticket but asks about existing ones.
        if (intents.Contains(IntentIds.MyTickets))
        {
            foreach (var handler in _handlers.Where(h => string.Equals(h.IntentId, IntentIds.MyTickets, StringComparison.OrdinalIgnoreCase)))
            {
                if (await handler.TryHandleAsync(context, message, cancellationToken))
                {
                    return await step.EndDialogAsync(null, cancellationToken);
                }
            }

            await context.SendActivityAsync(MyTicketsReply(data, message.Language), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        if (intents.Contains(IntentIds.TicketRequest))
        {
            var description = _understander.TicketDescription(text, message.Language);
            var request = description is not null
                ? new TicketRequest(description, [], null)
                : LastTicketRequest(data);
            return await step.BeginDialogAsync(nameof(TicketRequestDialog), request, cancellationToken);
        }

        var (topic, _) = _understander.FindTopic(text, message.Language);
        if (intents.Contains(IntentIds.OutOfScope) && (topic is null || topic.Score < OutOfScopeBelowScore))
        {
            // Not IT's job, said plainly; the ticket is still offered with the user's own words. Recorded
            // for admins without the text (only unmatched problems keep theirs).
            if (data.OpenProblem is not null) context.ConcludeProblem(data, Insights.ProblemOutcome.Abandoned);
            context.ConcludeProblem(data, Insights.ProblemOutcome.OutOfScope);
            await context.SendActivityAsync(UnderstandingReplies.Get(UnderstandingReplies.OutOfScope, message.Language), cancellationToken);
            return await step.BeginDialogAsync(nameof(TicketRequestDialog), new TicketRequest(text, [], null), cancellationToken);
        }

        if (intents.Contains(IntentIds.ServiceRequest) && topic is null)
        {
            // A new mouse is not fixed by restarting anything: straight to the ticket, in the user's words.
            if (data.OpenProblem is not null) context.ConcludeProblem(data, Insights.ProblemOutcome.Abandoned);
            await context.SendActivityAsync(UnderstandingReplies.Get(UnderstandingReplies.ServiceRequest, message.Language), cancellationToken);
            return await step.BeginDialogAsync(nameof(TicketRequestDialog), new TicketRequest(text, [], null), cancellationToken);
        }

        if (topic is null)
        {
            if (intents.Contains(IntentIds.Thanks) || intents.Contains(IntentIds.Fixed))
            {
                await context.SendActivityAsync(intents.Contains(IntentIds.Thanks) ? SupportReplies.YoureWelcome : SupportReplies.FixedAck, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            }

            if (intents.Contains(IntentIds.Goodbye))
            {
                await context.SendActivityAsync(SupportReplies.Goodbye, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            }

            if (intents.Contains(IntentIds.Greeting))
            {
                await context.SendActivityAsync(SupportReplies.Greeting, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            }

            if (intents.Contains(IntentIds.StillBroken))
            {
                if (data.LastProblem is null)
                {
                    await context.SendActivityAsync(UnderstandingReplies.Get(UnderstandingReplies.StillBrokenNoProblem, message.Language), cancellationToken);
                    return await step.EndDialogAsync(null, cancellationToken);
                }

                return await step.BeginDialogAsync(nameof(TicketRequestDialog), LastTicketRequest(data), cancellationToken);
            }
        }

        if (topic is null && modelTopic is null && intents.Count == 0 && Understander.IsTooVague(text, message.Language))
        {
            await context.SendActivityAsync(UnderstandingReplies.Get(UnderstandingReplies.TooVague, message.Language), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        return await step.BeginDialogAsync(nameof(TroubleshootingDialog), new ProblemStart(text, modelTopic), cancellationToken);
    }

    private static string MyTicketsReply(SupportConversationData data, string language)
    {
        var created = data.Drafts.Where(d => d.TicketKey is not null).ToList();
        if (created.Count == 0)
        {
            return UnderstandingReplies.Get(UnderstandingReplies.MyTicketsNone, language);
        }

        var text = new StringBuilder(UnderstandingReplies.Get(UnderstandingReplies.MyTickets, language)).Append("\n\n");
        foreach (var draft in created)
        {
            text.Append("- ").Append(draft.TicketKey).Append(draft.BrowseUrl is null ? string.Empty : ": " + draft.BrowseUrl).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>"I need a ticket" after the steps: the last problem, with the steps of its guide.</summary>
    private TicketRequest LastTicketRequest(SupportConversationData data)
    {
        var knowledgeBase = _understander.Topics.KnowledgeBases.English;
        var topic = data.LastProblem is null ? null : knowledgeBase.FindTopic(data.LastTopicId);
        return new TicketRequest(data.LastProblem, topic?.Steps ?? [], topic == knowledgeBase.General ? null : topic?.Title, topic?.Ticket);
    }

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is RestartWith { Text.Length: > 0 } restart)
        {
            return await step.ReplaceDialogAsync(RouteWaterfall, restart.Text, cancellationToken);
        }

        return await step.EndDialogAsync(null, cancellationToken);
    }

    private static async Task SendHelpAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        var help = Activity.CreateMessageActivity(SupportReplies.Help);
        help.Attachments = [FollowUp.FollowUpCards.HelpShortcuts().ToAttachment()];
        await context.SendActivityAsync(help, cancellationToken);
    }
}
