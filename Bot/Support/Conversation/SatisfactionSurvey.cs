using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Insights;
using TeamsItBot.Support.Cards;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// The one-question satisfaction card (1-5) after a ticket the bot filed was resolved. The ticket
/// notifier calls <see cref="TrySendAsync"/> inside its proactive turn in the reporter's conversation;
/// the same rules as "Did I help?" apply (<see cref="SurveyRules"/>: at most one survey per user per
/// period, none in group chats). The survey is an outcome event (<see cref="ProblemOutcome.TicketResolved"/>)
/// and the answer is recorded on it, for that user only.
/// </summary>
public sealed partial class SatisfactionSurvey(IOutcomeRecorder recorder, SurveyRules surveys, TimeProvider time, ILogger<SatisfactionSurvey> logger)
{
    /// <summary>Sends the card to the turn's conversation; false when the rules say not to ask now (nothing sent).</summary>
    public async Task<bool> TrySendAsync(ITurnContext context, string ticketKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketKey);
        var activity = context.Activity;
        if (activity.From is not { } user || (string.IsNullOrEmpty(user.AadObjectId) && string.IsNullOrEmpty(user.Id)))
        {
            return false;
        }

        var userHash = surveys.HashUser(activity);
        var now = time.GetUtcNow();
        if (!await surveys.TryClaimAsync(activity, userHash, now, cancellationToken))
        {
            LogNotAsked(ticketKey);
            return false;
        }

        // One event per ticket and user: a second call for the same resolution cannot add another.
        var eventId = EventIdFor(ticketKey, userHash);
        var card = Activity.CreateMessageActivity();
        card.Attachments = [SatisfactionCards.Survey(eventId, ticketKey).ToAttachment()];
        await context.SendActivityAsync(card, cancellationToken);
        recorder.Record(new OutcomeEvent
        {
            Id = eventId,
            Time = now,
            TenantId = activity.TenantId,
            UserHash = userHash,
            Language = SupportOutcomeReporter.LanguageOf(activity.Locale),
            Outcome = ProblemOutcome.TicketResolved,
            Surveyed = true,
        });
        return true;
    }

    /// <summary>A click on the card (Execute data or the Submit fallback); null when the data is not a valid answer.</summary>
    public async Task<AdaptiveCard?> TryHandleAnswerAsync(ITurnContext context, JsonElement? data, bool reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (data is not { ValueKind: JsonValueKind.Object } value
            || value.TryGetProperty(SatisfactionCards.EventIdKey, out var id) is false || id.ValueKind != JsonValueKind.String
            || id.GetString() is not { Length: > 0 and <= 64 } eventId
            || ReadScore(value) is not { } score)
        {
            return null;
        }

        recorder.RecordSatisfaction(eventId, surveys.HashUser(context.Activity), score);
        var thanks = SatisfactionCards.Thanks(score);
        if (reply && context.Activity.ReplyToId is { } cardId)
        {
            var update = Activity.CreateMessageActivity();
            update.Id = cardId;
            update.Attachments = [thanks.ToAttachment()];
            await context.UpdateActivityAsync(update, cancellationToken);
        }
        else if (reply)
        {
            await context.SendActivityAsync(SupportReplies.FeedbackThanks, cancellationToken);
        }

        return thanks;
    }

    /// <summary>The Submit fallback of the card: a message whose value carries the verb.</summary>
    public static bool IsAnswer(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("verb", out var verb)
        && verb.ValueKind == JsonValueKind.String && verb.GetString() == SatisfactionCards.Verb;

    internal static string EventIdFor(string ticketKey, string userHash) =>
        "resolved-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticketKey.Trim().ToUpperInvariant() + "\n" + userHash)))[..32];

    private static int? ReadScore(JsonElement value)
    {
        if (!value.TryGetProperty(SatisfactionCards.ScoreKey, out var score)) return null;
        var number = score.ValueKind switch
        {
            JsonValueKind.Number when score.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(score.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => (int?)null,
        };
        return number is >= 1 and <= 5 ? number : null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No satisfaction survey for {TicketKey}: surveys off, a group chat, or the user was asked recently")]
    private partial void LogNotAsked(string ticketKey);
}
