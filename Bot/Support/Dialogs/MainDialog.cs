using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Support.Conversation;

namespace TeamsItBot.Support.Dialogs;

/// <summary>
/// The root: routes each new message (problem, ticket request, small talk) and handles the
/// interruptions "help" and "cancel"/"start over" at any point, as the SDK's CancelAndHelpDialog does.
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    private const string RouteWaterfall = "route";
    private readonly SupportStateAccessors _state;
    private readonly TicketConfirmation _confirmation;
    private readonly KnowledgeBase.IKnowledgeBaseProvider _guides;

    public MainDialog(
        SupportStateAccessors state,
        TicketConfirmation confirmation,
        KnowledgeBase.IKnowledgeBaseProvider guides,
        TroubleshootingDialog troubleshooting,
        TicketRequestDialog ticketRequest)
        : base(nameof(MainDialog))
    {
        _guides = guides;
        _state = state;
        _confirmation = confirmation;
        AddDialog(troubleshooting);
        AddDialog(ticketRequest);
        AddDialog(new WaterfallDialog(RouteWaterfall, [RouteAsync, FinishAsync]));
        InitialDialogId = RouteWaterfall;
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var text = innerDc.Context.Activity.Text ?? string.Empty;
        if (Utterances.IsHelp(text))
        {
            await innerDc.Context.SendActivityAsync(SupportReplies.Help, cancellationToken);
            await innerDc.RepromptDialogAsync(cancellationToken);
            return Dialog.EndOfTurn;
        }

        if (Utterances.IsCancel(text))
        {
            await innerDc.Context.SendActivityAsync(SupportReplies.Cancelled, cancellationToken);
            innerDc.Context.ConcludeProblem(await _state.GetDataAsync(innerDc.Context, cancellationToken), Insights.ProblemOutcome.Abandoned);
            return await innerDc.CancelAllDialogsAsync(cancellationToken);
        }

        return await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }

    private async Task<DialogTurnResult> RouteAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var context = step.Context;
        var text = step.GetOptions<string>() ?? context.Activity.Text ?? string.Empty;
        var data = await _state.GetDataAsync(context, cancellationToken);

        if (Utterances.IsHelp(text))
        {
            await context.SendActivityAsync(SupportReplies.Help, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        if (Utterances.IsCancel(text))
        {
            await context.SendActivityAsync(SupportReplies.NothingToCancel, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var pending = data.FindDraft(data.PendingDraftId);
        if (Utterances.IsConfirm(text) || (pending?.Status == DraftStatus.Pending && Utterances.IsTicketRequest(text, out var none) && none is null))
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

        if (Utterances.IsDecline(text))
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

        if (Utterances.IsGreeting(text) || Utterances.IsThanks(text))
        {
            await context.SendActivityAsync(Utterances.IsThanks(text) ? SupportReplies.YoureWelcome : SupportReplies.Greeting, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        if (Utterances.IsTicketRequest(text, out var description))
        {
            var request = description is not null
                ? new TicketRequest(description, [], null)
                : LastTicketRequest(data);
            return await step.BeginDialogAsync(nameof(TicketRequestDialog), request, cancellationToken);
        }

        return await step.BeginDialogAsync(nameof(TroubleshootingDialog), text, cancellationToken);
    }

    private KnowledgeBase.KnowledgeBase _knowledgeBase => _guides.Current.KnowledgeBase;

    /// <summary>"I need a ticket" after the steps: the last problem, with the steps of its guide.</summary>
    private TicketRequest LastTicketRequest(SupportConversationData data)
    {
        var topic = data.LastProblem is null ? null : _knowledgeBase.FindTopic(data.LastTopicId);
        return new TicketRequest(data.LastProblem, topic?.Steps ?? [], topic == _knowledgeBase.General ? null : topic?.Title, topic?.Ticket);
    }

    private async Task<DialogTurnResult> FinishAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is RestartWith { Text.Length: > 0 } restart)
        {
            return await step.ReplaceDialogAsync(RouteWaterfall, restart.Text, cancellationToken);
        }

        return await step.EndDialogAsync(null, cancellationToken);
    }
}
