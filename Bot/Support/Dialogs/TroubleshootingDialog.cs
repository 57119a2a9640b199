using System.Text;
using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Cards;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Support.Understanding;

namespace TeamsItBot.Support.Dialogs;

/// <summary>
/// Problem -> (which guide, when two fit) -> the knowledge base's steps in the user's language ->
/// "did that fix it?" -> done, or the ticket offer.
/// </summary>
public sealed class TroubleshootingDialog : ComponentDialog
{
    private const string FixedPrompt = "fixedPrompt";
    private const string ChoosePrompt = "chooseTopicPrompt";
    private const string ProblemKey = "problem";
    private const string TopicKey = "topic";
    private const string StepsKey = "steps";
    private const string CandidatesKey = "candidates";
    private const string ScoreKey = "score";

    private readonly SupportStateAccessors _state;
    private readonly Understander _understander;

    public TroubleshootingDialog(SupportStateAccessors state, Understander understander, TicketRequestDialog ticketRequest)
        : base(nameof(TroubleshootingDialog))
    {
        _state = state;
        _understander = understander;
        AddDialog(ticketRequest);
        AddDialog(new TextPrompt(FixedPrompt, ValidateFixedAnswerAsync));
        AddDialog(new ChoicePrompt(ChoosePrompt) { Style = ListStyle.None });
        AddDialog(new WaterfallDialog(nameof(TroubleshootingDialog) + ".steps", [ChooseTopicAsync, ShowStepsAsync, HandleAnswerAsync, FinishAsync]));
        InitialDialogId = nameof(TroubleshootingDialog) + ".steps";
    }

    private async Task<DialogTurnResult> ChooseTopicAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var start = step.Options as ProblemStart ?? new ProblemStart(step.GetOptions<string>() ?? string.Empty);
        var problem = start.Problem;
        var language = await LanguageAsync(step.Context, cancellationToken);
        step.Values[ProblemKey] = problem;
        var (match, _) = _understander.FindTopic(problem, language);
        if (match is null && start.TopicId is not null && _understander.Topics.KnowledgeBases.FindTopic(start.TopicId, language) is { } picked)
        {
            // The language model placed what the matcher could not (score 0: no local evidence).
            match = new TopicMatch(picked, 0, 0);
        }
        step.Values[TopicKey] = match?.Topic.Id;
        step.Values[ScoreKey] = match?.Score;
        if (match is null || !TopicIndex.IsClose(match))
        {
            return await step.NextAsync(null, cancellationToken);
        }

        // Two guides fit about as well: ask rather than guess.
        var titles = new List<string> { match.Topic.Title, match.RunnerUp!.Title, UnderstandingReplies.Get(UnderstandingReplies.NoneOfThese, language) };
        step.Values[CandidatesKey] = new List<string> { match.Topic.Id, match.RunnerUp.Id };
        var question = UnderstandingReplies.Get(UnderstandingReplies.WhichGuide, language);
        var prompt = Activity.CreateMessageActivity();
        prompt.Attachments = [ChoiceCards.WhichOne(question, titles, step.Context.Activity.IsGroupConversation()).ToAttachment()];
        var retry = Activity.CreateMessageActivity();
        retry.Attachments = prompt.Attachments;
        return await step.PromptAsync(ChoosePrompt, new PromptOptions
        {
            Prompt = prompt,
            RetryPrompt = retry,
            Choices = ChoiceFactory.ToChoices(titles),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ShowStepsAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var problem = step.Values.GetValue<string>(ProblemKey) ?? string.Empty;
        var language = await LanguageAsync(step.Context, cancellationToken);
        var topicId = step.Values.GetValue<string>(TopicKey);
        if (step.Result is FoundChoice choice && step.Values.GetValue<List<string>>(CandidatesKey) is { } candidates)
        {
            topicId = choice.Index < candidates.Count ? candidates[choice.Index] : null;
        }

        var knowledgeBases = _understander.Topics.KnowledgeBases;
        var topic = topicId is null ? null : knowledgeBases.FindTopic(topicId, language);
        var general = knowledgeBases.For(language).General;
        IReadOnlyList<string> steps = topic?.Steps ?? general.Steps;

        step.Values[TopicKey] = topic?.Id;
        step.Values[StepsKey] = steps.ToList();

        var data = await _state.GetDataAsync(step.Context, cancellationToken);
        data.LastProblem = problem;
        data.LastTopicId = topic?.Id ?? knowledgeBases.English.General.Id;
        // The matcher's score of the first guess, for the outcome event (a chosen runner-up keeps it).
        var match = topic is null ? null : new TopicMatch(topic, step.Values.GetValue<double?>(ScoreKey) ?? 0, 1);
        step.Context.OpenProblem(data, problem, match);

        var shownLanguage = (topic ?? general).Language;
        if (shownLanguage != language && !data.FallbackNoticeGiven.Contains(language))
        {
            // Said once per conversation and language: the guide exists only in English so far.
            data.FallbackNoticeGiven.Add(language);
            await step.Context.SendActivityAsync(UnderstandingReplies.Get(UnderstandingReplies.ShownInEnglish, language), cancellationToken);
        }

        await step.Context.SendActivityAsync(FormatSteps(topic, steps, shownLanguage), cancellationToken);

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
        var language = await LanguageAsync(step.Context, cancellationToken);
        switch (Classify(answer, currentTopic, language))
        {
            case FixedAnswer.Fixed:
                await step.Context.SendActivityAsync(SupportReplies.FixedAck, cancellationToken);
                step.Context.ConcludeProblem(await _state.GetDataAsync(step.Context, cancellationToken), Insights.ProblemOutcome.Solved);
                return await step.EndDialogAsync(null, cancellationToken);
            case FixedAnswer.NewProblem:
                return await step.EndDialogAsync(new RestartWith(answer), cancellationToken);
            case FixedAnswer.Leaving:
                // Not an answer: the problem stays open (abandoned if nothing follows) and "still not working" still works.
                await step.Context.SendActivityAsync(SupportReplies.GoodbyeWithProblemOpen, cancellationToken);
                return await step.EndDialogAsync(null, cancellationToken);
            default:
                var problem = step.Values.GetValue<string>(ProblemKey);
                var steps = step.Values.GetValue<List<string>>(StepsKey) ?? [];
                var topic = currentTopic is null ? null : _understander.Topics.KnowledgeBases.English.FindTopic(currentTopic);
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
        Leaving,
    }

    private FixedAnswer Classify(string text, string? currentTopicId, string language)
    {
        // Right after "Did that fix it?": "yes please" and "thanks!" mean fixed, "no" and "I need a ticket" mean not.
        var intents = _understander.Read(text, language).Intents;
        if (intents.Contains(IntentIds.StillBroken) || intents.Contains(IntentIds.TicketRequest)) return FixedAnswer.NotFixed;
        if (intents.Contains(IntentIds.Fixed) || intents.Contains(IntentIds.Thanks) || intents.Contains(IntentIds.Confirm)) return FixedAnswer.Fixed;
        if (intents.Contains(IntentIds.Decline)) return FixedAnswer.NotFixed;
        if (intents.Contains(IntentIds.Goodbye)) return FixedAnswer.Leaving;

        var (match, _) = _understander.FindTopic(text, language);
        if (match is not null && match.Topic.Id != currentTopicId) return FixedAnswer.NewProblem;
        if (Utterances.LooksNotFixed(text) || match is not null) return FixedAnswer.NotFixed;
        if (Utterances.LooksFixed(text)) return FixedAnswer.Fixed;

        // A longer description of something else is a new problem, not an unclear answer.
        return Utterances.Normalize(text).Split(' ').Length >= 4 ? FixedAnswer.NewProblem : FixedAnswer.Unknown;
    }

    private async Task<bool> ValidateFixedAnswerAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var language = await LanguageAsync(prompt.Context, cancellationToken);
        return prompt.Recognized.Succeeded && Classify(prompt.Recognized.Value ?? string.Empty, null, language) != FixedAnswer.Unknown;
    }

    private async Task<string> LanguageAsync(ITurnContext context, CancellationToken cancellationToken) =>
        (await _state.GetDataAsync(context, cancellationToken)).Language ?? LanguageDetector.English;

    private static string FormatSteps(Topic? topic, IReadOnlyList<string> steps, string language)
    {
        var text = new StringBuilder(UnderstandingReplies.StepsIntro(topic?.Title, topic?.Summary, language)).Append("\n\n");
        for (var i = 0; i < steps.Count; i++)
        {
            text.Append(i + 1).Append(". ").Append(steps[i]).Append('\n');
        }

        return text.ToString().TrimEnd();
    }
}
