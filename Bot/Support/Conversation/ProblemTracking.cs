using TeamsItBot.Framework.Hosting;
using TeamsItBot.Insights;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// The one-line calls the dialogs make at a problem's start and end. Ends are collected on the turn
/// and turned into outcome events by <see cref="SupportOutcomeReporter"/> once the turn's work is done.
/// </summary>
public static class ProblemTracking
{
    private const string ConcludedKey = "ItSupport.ConcludedProblems";
    private const string OpenedKey = "ItSupport.OpenedProblem";

    /// <summary>A new problem; one still open is left behind (abandoned).</summary>
    public static void OpenProblem(this ITurnContext context, SupportConversationData data, string text, TopicMatch? match)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.OpenProblem is { } previous)
        {
            context.ConcludeProblem(data, ProblemOutcome.Abandoned);
        }

        data.OpenProblem = new OpenProblem(match?.Topic.Id, match?.Score, match is null ? text : null);
        context.TurnState[OpenedKey] = data;
    }

    /// <summary>
    /// The open problem ended this way; abandoned becomes unmatched when no guide matched it. With none open, only a ticket decision (created, declined)
    /// or out-of-scope counts: a ticket asked for directly is a problem the steps did not solve.
    /// </summary>
    public static void ConcludeProblem(this ITurnContext context, SupportConversationData data, ProblemOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var problem = data.OpenProblem;
        if (problem is null && outcome is not (ProblemOutcome.TicketCreated or ProblemOutcome.Declined or ProblemOutcome.OutOfScope))
        {
            return;
        }

        data.OpenProblem = null;
        if (outcome == ProblemOutcome.Abandoned && problem is { TopicId: null })
        {
            // Left without an answer and no guide for it: the case an admin should write a guide for.
            outcome = ProblemOutcome.Unmatched;
        }

        if (!context.TurnState.TryGetValue(ConcludedKey, out var value) || value is not List<ConcludedProblem> list)
        {
            context.TurnState[ConcludedKey] = list = [];
        }

        list.Add(new ConcludedProblem(problem ?? new OpenProblem(null, null, null), outcome));
    }

    /// <summary>True when this turn opened a problem (without taking the note).</summary>
    public static bool OpenedThisTurn(ITurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TurnState.ContainsKey(OpenedKey);
    }

    /// <summary>The conversation data in which this turn opened a problem, if it did.</summary>
    public static SupportConversationData? TakeOpened(ITurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TurnState.Remove(OpenedKey, out var value) ? value as SupportConversationData : null;
    }

    /// <summary>The problems this turn ended, in order; taking them empties the list.</summary>
    public static IReadOnlyList<ConcludedProblem> TakeConcluded(ITurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.TurnState.Remove(ConcludedKey, out var value) || value is not List<ConcludedProblem> list)
        {
            return [];
        }

        return list;
    }
}

public sealed record ConcludedProblem(OpenProblem Problem, ProblemOutcome Outcome);
