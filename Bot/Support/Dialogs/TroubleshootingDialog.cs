using System.Text;
using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Cards;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Support.Dialogs;

/// <summary>Problem -> the knowledge base's steps -> "did that fix it?" -> done, or the ticket offer.</summary>
public sealed class TroubleshootingDialog : ComponentDialog
{
    private const string FixedPrompt = "fixedPrompt";
    private const string ProblemKey = "problem";
    private const string TopicKey = "topic";
    private const string StepsKey = "steps";

    private readonly SupportStateAccessors _state;
    private readonly IKnowledgeBaseProvider _guides;

    public TroubleshootingDialog(SupportStateAccessors state, IKnowledgeBaseProvider guides, TicketRequestDialog ticketRequest)
        : base(nameof(TroubleshootingDialog))
    {
        _state = state;
        _guides = guides;
        AddDialog(ticketRequest);
        AddDialog(new TextPrompt(FixedPrompt, ValidateFixedAnswerAsync));
        AddDialog(new WaterfallDialog(nameof(TroubleshootingDialog) + ".steps", [ShowStepsAsync, HandleAnswerAsync, FinishAsync]));
        InitialDialogId = nameof(TroubleshootingDialog) + ".steps";
    }

    // The version in use now: the file may have been reloaded since the last turn.
    private TopicMatcher _matcher => _guides.Current.Matcher;

    private KnowledgeBase.KnowledgeBase _knowledgeBase => _guides.Current.KnowledgeBase;

    private async Task<DialogTurnResult> ShowStepsAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var problem = step.GetOptions<string>() ?? string.Empty;
        var match = _matcher.Match(problem);
        IReadOnlyList<string> steps = match?.Topic.Steps ?? _knowledgeBase.General.Steps;

        step.Values[ProblemKey] = problem;
        step.Values[TopicKey] = match?.Topic.Id;
        step.Values[StepsKey] = steps.ToList();

        var data = await _state.GetDataAsync(step.Context, cancellationToken);
        data.LastProblem = problem;
        data.LastTopicId = match?.Topic.Id ?? _knowledgeBase.General.Id;
        step.Context.OpenProblem(data, problem, match);

        await step.Context.SendActivityAsync(FormatSteps(match?.Topic, steps), cancellationToken);

        var question = Activity.CreateMessageActivity();
        question.Attachments = [SupportCards.FixedQuestion(step.Context.Activity.IsGroupConversation()).ToAttachment()];
        return await step.PromptAsync(FixedPrompt, new PromptOptions
        {
            Prompt = question,
            RetryPrompt = Activity.CreateMessageActivity(SupportReplies.AskFixedAgain),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> HandleAnswerAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var answer = step.GetResult<string>() ?? string.Empty;
        var currentTopic = step.Values.GetValue<string>(TopicKey);
        switch (Classify(answer, currentTopic))
        {
            case FixedAnswer.Fixed:
                await step.Context.SendActivityAsync(SupportReplies.FixedAck, cancellationToken);
                step.Context.ConcludeProblem(await _state.GetDataAsync(step.Context, cancellationToken), Insights.ProblemOutcome.Solved);
                return await step.EndDialogAsync(null, cancellationToken);
            case FixedAnswer.NewProblem:
                return await step.EndDialogAsync(new RestartWith(answer), cancellationToken);
            default:
                var problem = step.Values.GetValue<string>(ProblemKey);
                var steps = step.Values.GetValue<List<string>>(StepsKey) ?? [];
                var topic = currentTopic is null ? null : _knowledgeBase.FindTopic(currentTopic);
                return await step.BeginDialogAsync(nameof(TicketRequestDialog), new TicketRequest(problem, steps, topic?.Title, topic?.Ticket), cancellationToken);
        }
    }

    private static Task<DialogTurnResult> FinishAsync(WaterfallStepContext step, CancellationToken cancellationToken) =>
        step.EndDialogAsync(step.Result, cancellationToken);

    private enum FixedAnswer
    {
        Unknown,
        Fixed,
        NotFixed,
        NewProblem,
    }

    private FixedAnswer Classify(string text, string? currentTopicId)
    {
        if (Utterances.IsFixed(text)) return FixedAnswer.Fixed;
        if (Utterances.IsNotFixed(text) || Utterances.IsTicketRequest(text, out _)) return FixedAnswer.NotFixed;

        var match = _matcher.Match(text);
        if (match is not null && match.Topic.Id != currentTopicId) return FixedAnswer.NewProblem;
        if (Utterances.LooksNotFixed(text) || match is not null) return FixedAnswer.NotFixed;
        if (Utterances.LooksFixed(text)) return FixedAnswer.Fixed;

        // A longer description of something else is a new problem, not an unclear answer.
        return Utterances.Normalize(text).Split(' ').Length >= 4 ? FixedAnswer.NewProblem : FixedAnswer.Unknown;
    }

    private Task<bool> ValidateFixedAnswerAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken) =>
        Task.FromResult(prompt.Recognized.Succeeded && Classify(prompt.Recognized.Value ?? string.Empty, null) != FixedAnswer.Unknown);

    private static string FormatSteps(Topic? topic, IReadOnlyList<string> steps)
    {
        var text = new StringBuilder(SupportReplies.StepsIntro(topic?.Title, topic?.Summary)).Append("\n\n");
        for (var i = 0; i < steps.Count; i++)
        {
            text.Append(i + 1).Append(". ").Append(steps[i]).Append('\n');
        }

        return text.ToString().TrimEnd();
    }
}
