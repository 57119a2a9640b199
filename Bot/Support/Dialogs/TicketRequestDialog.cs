using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Cards;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.Understanding;

namespace TeamsItBot.Support.Dialogs;

/// <summary>
/// Shows the "Create JIRA ticket?" card (asking for a description first when there is none) and
/// waits for a typed answer. Clicks on the card are handled by the bot directly, because they can
/// arrive as invokes outside any dialog turn.
/// </summary>
public sealed class TicketRequestDialog : ComponentDialog
{
    private const string DescribePrompt = "describePrompt";
    private const string AnswerPrompt = "ticketAnswerPrompt";
    private const string RequestKey = "request";

    private readonly SupportStateAccessors _state;
    private readonly TicketConfirmation _confirmation;
    private readonly Understander _understander;
    private readonly ReporterDirectory _directory;

    private readonly bool _withEvidence;

    public TicketRequestDialog(SupportStateAccessors state, TicketConfirmation confirmation, Understander understander, ReporterDirectory directory,
        Microsoft.Extensions.Options.IOptions<Tickets.Evidence.EvidenceOptions> evidence)
        : base(nameof(TicketRequestDialog))
    {
        ArgumentNullException.ThrowIfNull(evidence);
        _withEvidence = evidence.Value.Enabled;
        _state = state;
        _confirmation = confirmation;
        _understander = understander;
        _directory = directory;
        AddDialog(new TextPrompt(DescribePrompt, ValidateDescriptionAsync));
        AddDialog(new TextPrompt(AnswerPrompt, ValidateAnswerAsync));
        AddDialog(new WaterfallDialog(nameof(TicketRequestDialog) + ".steps", [EnsureDescriptionAsync, ShowCardAsync, HandleAnswerAsync]));
        InitialDialogId = nameof(TicketRequestDialog) + ".steps";
    }

    private async Task<DialogTurnResult> EnsureDescriptionAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var request = step.GetOptions<TicketRequest>() ?? new TicketRequest(null, [], null);
        step.Values[RequestKey] = request;
        if (!string.IsNullOrWhiteSpace(request.Problem))
        {
            return await step.NextAsync(request.Problem, cancellationToken);
        }

        return await step.PromptAsync(DescribePrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessageActivity(SupportReplies.DescribeForTicket),
            RetryPrompt = Activity.CreateMessageActivity(SupportReplies.DescribeAgain),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ShowCardAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var request = step.Values.GetValue<TicketRequest>(RequestKey)!;
        var problem = step.GetResult<string>()!.Trim();
        var from = step.Context.Activity.From;
        var data = await _state.GetDataAsync(step.Context, cancellationToken);
        var draft = new TicketDraftRecord
        {
            DraftId = Guid.NewGuid().ToString("N"),
            Problem = problem,
            StepsShown = [.. request.StepsShown],
            TopicTitle = request.TopicTitle,
            Fields = request.Fields,
            ReporterName = from?.Name,
            ReporterObjectId = from?.AadObjectId,
            ReporterId = from?.Id,
            InGroup = step.Context.Activity.IsGroupConversation(),
            ReporterEmail = await _directory.FindEmailAsync(step.Context, cancellationToken),
            AttachmentNames = [.. data.Evidence?.Files.Select(f => f.FileName) ?? []],
            WithEvidence = _withEvidence,
        };
        data.AddDraft(draft);
        data.PendingDraftId = draft.DraftId;
        data.LastProblem = problem;

        var card = Activity.CreateMessageActivity();
        card.Attachments = [SupportCards.ConfirmTicket(draft).ToAttachment()];
        var sent = await step.Context.SendActivityAsync(card, cancellationToken);
        draft.CardActivityId = sent.Id;

        // No prompt text: the card asked the question; this waits for a typed answer.
        return await step.PromptAsync(AnswerPrompt, new PromptOptions
        {
            RetryPrompt = Activity.CreateMessageActivity(SupportReplies.AskConfirmAgain),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> HandleAnswerAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var answer = step.GetResult<string>() ?? string.Empty;
        var data = await _state.GetDataAsync(step.Context, cancellationToken);
        var draftId = data.PendingDraftId;
        var language = data.Language ?? LanguageDetector.English;
        var intents = _understander.Read(answer, language).Intents;
        var bareRequest = intents.Contains(IntentIds.TicketRequest) && _understander.TicketDescription(answer, language) is null;

        // A refusal wins over the words it contains ("dont create a ticket" holds "create a ticket").
        if (intents.Contains(IntentIds.Decline) && draftId is not null)
        {
            await _confirmation.DeclineAsync(step.Context, data, draftId, cardActivityId: null, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        if ((intents.Contains(IntentIds.Confirm) || bareRequest) && draftId is not null)
        {
            await _confirmation.ConfirmAsync(step.Context, data, draftId, cardActivityId: null, cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        return await step.EndDialogAsync(new RestartWith(answer), cancellationToken);
    }

    /// <summary>A request or a yes/no is not a description: ask again until the problem itself is described.</summary>
    private async Task<bool> ValidateDescriptionAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var text = prompt.Recognized.Value ?? string.Empty;
        var language = (await _state.GetDataAsync(prompt.Context, cancellationToken)).Language ?? LanguageDetector.English;
        var intents = _understander.Read(text, language).Intents;
        var onlyIntent = intents.Contains(IntentIds.Confirm) || intents.Contains(IntentIds.Decline) || intents.Contains(IntentIds.Thanks)
            || intents.Contains(IntentIds.Greeting) || intents.Contains(IntentIds.Goodbye) || (intents.Contains(IntentIds.TicketRequest) && _understander.TicketDescription(text, language) is null);
        return prompt.Recognized.Succeeded && Utterances.Normalize(text).Length >= 3 && !onlyIntent;
    }

    private async Task<bool> ValidateAnswerAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var text = prompt.Recognized.Value ?? string.Empty;
        var language = (await _state.GetDataAsync(prompt.Context, cancellationToken)).Language ?? LanguageDetector.English;
        var intents = _understander.Read(text, language).Intents;

        // Yes/no, or something long enough to be a new problem; anything else is asked again.
        return prompt.Recognized.Succeeded
            && (intents.Contains(IntentIds.Confirm) || intents.Contains(IntentIds.Decline) || intents.Contains(IntentIds.TicketRequest) || intents.Contains(IntentIds.Cancel)
                || Utterances.Normalize(text).Split(' ').Length >= 3);
    }
}
