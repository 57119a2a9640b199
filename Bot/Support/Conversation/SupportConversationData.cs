using System.Text.Json.Serialization;
using TeamsItBot.Tickets;

namespace TeamsItBot.Support.Conversation;

/// <summary>What the bot remembers about one conversation (kept in ConversationState).</summary>
public sealed class SupportConversationData
{
    /// <summary>Drafts older than the newest few are forgotten to keep stored state small.</summary>
    public const int MaxDrafts = 5;

    public bool Welcomed { get; set; }

    /// <summary>The language the user writes in (en, de, fr, es): kept so a short "ja" stays German.</summary>
    public string? Language { get; set; }

    /// <summary>Languages for which the bot already said a guide is only available in English (said once).</summary>
    public List<string> FallbackNoticeGiven { get; set; } = [];

    /// <summary>The last problem described, so "I need a ticket" right after the steps reuses it.</summary>
    public string? LastProblem { get; set; }

    /// <summary>The guide those steps came from (its steps are read back from the knowledge base).</summary>
    public string? LastTopicId { get; set; }

    /// <summary>The draft whose confirm card was shown last: a typed "yes" confirms this one.</summary>
    public string? PendingDraftId { get; set; }

    public List<TicketDraftRecord> Drafts { get; set; } = [];

    /// <summary>The problem whose outcome is not known yet (see <see cref="ProblemTracking"/>).</summary>
    public OpenProblem? OpenProblem { get; set; }

    /// <summary>The open problem's transcript and files (see <see cref="Evidence.EvidenceCollector"/>); null when no problem is open.</summary>
    public Evidence.ConversationEvidence? Evidence { get; set; }

    public TicketDraftRecord? FindDraft(string? draftId) =>
        draftId is null ? null : Drafts.Find(d => string.Equals(d.DraftId, draftId, StringComparison.Ordinal));

    public void AddDraft(TicketDraftRecord draft)
    {
        Drafts.Add(draft);
        if (Drafts.Count > MaxDrafts)
        {
            Drafts.RemoveRange(0, Drafts.Count - MaxDrafts);
        }
    }
}

public enum DraftStatus
{
    Pending,
    Created,
    Declined,

    /// <summary>Recorded in the ticket outbox and being retried in the background.</summary>
    Queued,
}

/// <summary>A ticket the user was offered: its content, its card, and what became of it.</summary>
public sealed class TicketDraftRecord
{
    public required string DraftId { get; init; }
    public required string Problem { get; init; }

    /// <summary>The steps the ticket will list; kept only while the ticket is still to be made.</summary>
    [JsonIgnore]
    public List<string> StepsShown { get; init; } = [];

    /// <summary>
    /// What is stored of <see cref="StepsShown"/>: nothing once the draft is settled (the outbox
    /// holds the ticket's content), which keeps an idle conversation's state small.
    /// </summary>
    [JsonPropertyName("stepsShown")]
    public List<string>? StoredSteps
    {
        get => Status is DraftStatus.Pending or DraftStatus.Queued ? StepsShown : null;
        init => StepsShown = value ?? [];
    }

    public string? TopicTitle { get; init; }

    /// <summary>The files the confirm card says will be attached (with the transcript); kept only while the ticket is still to be made.</summary>
    [JsonIgnore]
    public List<string> AttachmentNames { get; set; } = [];

    [JsonPropertyName("attachmentNames")]
    public List<string>? StoredAttachmentNames
    {
        get => Status is DraftStatus.Pending && AttachmentNames.Count > 0 ? AttachmentNames : null;
        init => AttachmentNames = value ?? [];
    }

    /// <summary>False when evidence is switched off: the card then promises no attachments.</summary>
    public bool WithEvidence { get; init; } = true;

    /// <summary>The guide's issue fields (type, priority, components, labels), over the Tickets defaults.</summary>
    public TicketFields? Fields { get; init; }

    public string? ReporterName { get; init; }
    public string? ReporterObjectId { get; init; }

    /// <summary>The reporter's Teams id (MRI, "29:..."): the one user the card's buttons are for in a group chat.</summary>
    public string? ReporterId { get; init; }

    /// <summary>Offered in a group chat or channel, where only the reporter may answer it.</summary>
    public bool InGroup { get; init; }

    /// <summary>E-mail or UPN from the connector's member lookup; null when Teams did not say.</summary>
    public string? ReporterEmail { get; init; }
    public DraftStatus Status { get; set; }
    public string? CardActivityId { get; set; }
    public string? TicketKey { get; set; }
    public string? BrowseUrl { get; set; }
}
