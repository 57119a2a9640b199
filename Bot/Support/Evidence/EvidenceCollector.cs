using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Support.Evidence;

/// <summary>
/// Keeps the open problem's evidence at the end of each turn: the user's message and the bot's answers
/// with their times, and the files the message carried (downloaded, checked, stored). When no problem
/// is open and no ticket is offered, whatever was kept is dropped (files deleted), so an idle
/// conversation's state carries none of it. The confirmation hands it to the ticket (see <see cref="TicketConfirmation"/>).
/// </summary>
public sealed partial class EvidenceCollector(
    EvidenceDownloader downloader,
    TurnSends sends,
    IOptions<EvidenceOptions> options,
    TimeProvider timeProvider,
    ILogger<EvidenceCollector> logger)
{
    private const string HandledKey = "ItSupport.EvidenceMessage";

    /// <summary>Longest text kept of one turn; the transcript is for reading, not an archive.</summary>
    public const int MaxTurnLength = 2000;

    /// <summary>Marks the turn's message as one the bot handled (in a group chat: it was mentioned).</summary>
    public static void MarkHandled(ITurnContext context) => context.TurnState[HandledKey] = true;

    /// <summary>True when the message carries files the bot would try to keep.</summary>
    public static bool CarriesFiles(Activity activity) => EvidenceDownloader.Offered(activity).Count > 0;

    public async Task AfterTurnAsync(ITurnContext context, SupportConversationData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var settings = options.Value;
        var said = TranscriptRecordingContext.TakeSaid(context);
        var handled = context.TurnState.ContainsKey(HandledKey) && context.Activity.IsType(ActivityTypes.Message);
        var offered = handled ? EvidenceDownloader.Offered(context.Activity) : [];
        var open = settings.Enabled && (data.OpenProblem is not null || data.PendingDraftId is not null);
        if (!open)
        {
            Drop(data);
            if (offered.Count > 0 && settings.Enabled && !context.TurnState.ContainsKey(TicketConfirmation.EvidenceTakenKey))
            {
                await ReplyAsync(context, EvidenceReplies.NoProblemOpen, cancellationToken);
            }

            return;
        }

        // A new problem replaced the one the evidence was about: start again with this turn.
        if (ProblemTracking.OpenedThisTurn(context) && data.Evidence is not null)
        {
            Drop(data);
        }

        var evidence = data.Evidence ??= new ConversationEvidence();
        var from = context.Activity.From;
        if (handled)
        {
            var text = string.IsNullOrWhiteSpace(context.Activity.Text) ? null : context.Activity.Text;
            var line = text ?? (offered.Count > 0 ? $"[sent {offered.Count} file(s)]" : null);
            if (line is not null)
            {
                evidence.Add(new TranscriptTurn(context.Activity.Timestamp?.ToUniversalTime() ?? timeProvider.GetUtcNow(), true,
                    string.IsNullOrWhiteSpace(from?.Name) ? "User" : from.Name!, Bound(line)), settings.MaxTranscriptTurns);
            }
        }

        var bot = context.Activity.Recipient?.Name is { Length: > 0 } name ? name : "IT Support Bot";
        foreach (var (at, text) in said)
        {
            evidence.Add(new TranscriptTurn(at, false, bot, Bound(text)), settings.MaxTranscriptTurns);
        }

        if (offered.Count == 0)
        {
            return;
        }

        var room = settings.MaxFiles - evidence.Files.Count;
        var intake = await downloader.TakeAsync(offered, context.Activity.ServiceUrl, [.. evidence.Files.Select(f => f.FileName)], room, cancellationToken);
        evidence.Files.AddRange(intake.Kept);
        LogIntake(intake.Kept.Count, intake.Refused.Count, intake.OverLimit);
        var reply = EvidenceReplies.Intake(intake, settings.MaxFiles, offered.Count);
        if (reply.Length > 0)
        {
            await ReplyAsync(context, reply, cancellationToken);
            evidence.Add(new TranscriptTurn(timeProvider.GetUtcNow(), false, bot, Bound(reply)), settings.MaxTranscriptTurns);
        }
    }

    /// <summary>Forgets the evidence and deletes its files (the problem ended without a ticket, or another began).</summary>
    public void Drop(SupportConversationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Evidence is { } evidence)
        {
            downloader.Discard(evidence.Files);
            data.Evidence = null;
        }
    }

    private static string Bound(string text) => text.Length <= MaxTurnLength ? text : string.Concat(text.AsSpan(0, MaxTurnLength), " [...]");

    private Task<ReplyOutcome> ReplyAsync(ITurnContext context, string text, CancellationToken cancellationToken)
    {
        var reply = Activity.CreateMessageActivity(text);
        reply.TextFormat = EvidenceReplies.TextFormat;
        return sends.TryReplyAsync(context, reply, "an evidence reply", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence: kept {Kept} file(s), refused {Refused}, {OverLimit} over the limit")]
    private partial void LogIntake(int kept, int refused, int overLimit);
}
