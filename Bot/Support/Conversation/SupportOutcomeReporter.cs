using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Insights;
using TeamsItBot.Support.Cards;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// At the end of each turn: the problems the turn ended become outcome events (through the recorder,
/// which does not wait for the database), and a solved one may get the "Did I help?" card, at most
/// once per user per survey period and never in a group chat. Also takes the survey's answers.
/// </summary>
public sealed class SupportOutcomeReporter(
    IOutcomeRecorder recorder,
    SurveyRules surveys,
    Microsoft.Extensions.Options.IOptions<AnalyticsOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// At a turn's start: a problem open and silent for longer than <see cref="AnalyticsOptions.AbandonAfterMinutes"/>
    /// ends as abandoned (recorded with this turn's outcomes). The stamps live in conversation state, so a
    /// restart in between changes nothing, and the problem is gone once concluded, so it is recorded once.
    /// </summary>
    public static void ConcludeIfSilent(ITurnContext context, SupportConversationData data, DateTimeOffset now, TimeSpan abandonAfter)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.OpenProblem is { } problem && (problem.LastActivityAt ?? problem.StartedAt) is { } last && now - last >= abandonAfter)
        {
            context.ConcludeProblem(data, ProblemOutcome.Abandoned);
        }
    }

    public void ConcludeIfSilent(ITurnContext context, SupportConversationData data) =>
        ConcludeIfSilent(context, data, time.GetUtcNow(), TimeSpan.FromMinutes(options.Value.AbandonAfterMinutes));

    /// <summary>At a turn's end: the problem still open was last worked on now.</summary>
    public void Touch(SupportConversationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.OpenProblem is { } problem)
        {
            data.OpenProblem = problem with { LastActivityAt = time.GetUtcNow() };
        }
    }

    public async Task ReportAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var concluded = ProblemTracking.TakeConcluded(context);
        var now = time.GetUtcNow();
        if (ProblemTracking.TakeOpened(context) is { OpenProblem: { StartedAt: null } opened } data)
        {
            data.OpenProblem = opened with { StartedAt = now };
        }

        if (concluded.Count == 0)
        {
            return;
        }

        var activity = context.Activity;
        var userHash = HashUser(activity);
        foreach (var (problem, outcome) in concluded)
        {
            var outcomeEvent = new OutcomeEvent
            {
                Id = Guid.NewGuid().ToString("N"),
                Time = now,
                TenantId = activity.TenantId,
                UserHash = userHash,
                Language = LanguageOf(activity.Locale),
                Topic = problem.TopicId,
                Score = problem.Score,
                Outcome = outcome,
                Duration = problem.StartedAt is { } started && started <= now ? now - started : null,
                UnmatchedText = problem.Text,
            };

            if (outcome == ProblemOutcome.Solved && await surveys.TryClaimAsync(activity, userHash, now, cancellationToken))
            {
                outcomeEvent = outcomeEvent with { Surveyed = true };
                var card = Activity.CreateMessageActivity();
                card.Attachments = [FeedbackCards.Survey(outcomeEvent.Id).ToAttachment()];
                await context.SendActivityAsync(card, cancellationToken);
            }

            recorder.Record(outcomeEvent);
        }
    }

    /// <summary>A click on the survey (Submit fallback or Execute data); false when the data is not a survey answer.</summary>
    public async Task<AdaptiveCard?> TryHandleFeedbackAsync(ITurnContext context, JsonElement? data, bool reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (data is not { ValueKind: JsonValueKind.Object } value
            || GetString(value, FeedbackCards.EventIdKey) is not { Length: > 0 and <= 64 } eventId
            || GetString(value, FeedbackCards.RatingKey) switch { FeedbackCards.Up => FeedbackRating.Up, FeedbackCards.Down => FeedbackRating.Down, _ => (FeedbackRating?)null } is not { } rating)
        {
            return null;
        }

        recorder.RecordFeedback(eventId, HashUser(context.Activity), rating, GetString(value, FeedbackCards.CommentKey));
        var thanks = FeedbackCards.Thanks();
        if (reply)
        {
            await context.SendActivityAsync(SupportReplies.FeedbackThanks, cancellationToken);
            if (context.Activity.ReplyToId is { } cardId)
            {
                var update = Activity.CreateMessageActivity();
                update.Id = cardId;
                update.Attachments = [thanks.ToAttachment()];
                await context.UpdateActivityAsync(update, cancellationToken);
            }
        }

        return thanks;
    }

    public static bool IsFeedback(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Object } value && GetString(value, "verb") == FeedbackCards.Verb;

    private string HashUser(Activity activity) => surveys.HashUser(activity);

    /// <summary>"en-US" -> "en"; null for anything that is not a plain language tag.</summary>
    internal static string? LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var primary = locale.Split('-', '_')[0].Trim().ToLowerInvariant();
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
