using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Support.Conversation;

/// <summary>Whether the sender of an answer is the person whose problem the draft is.</summary>
public static class ReporterCheck
{
    public enum Someone
    {
        Reporter,
        Else,

        /// <summary>The draft or the activity lacks the ids to tell (older drafts): anyone may answer, and the ticket says who did.</summary>
        Unknown,
    }

    /// <summary>Entra object ids first (stable across clients), then Teams ids.</summary>
    public static Someone Of(TicketDraftRecord draft, ChannelAccount? sender)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!string.IsNullOrEmpty(draft.ReporterObjectId) && !string.IsNullOrEmpty(sender?.AadObjectId))
        {
            return string.Equals(draft.ReporterObjectId, sender.AadObjectId, StringComparison.OrdinalIgnoreCase) ? Someone.Reporter : Someone.Else;
        }

        if (!string.IsNullOrEmpty(draft.ReporterId) && !string.IsNullOrEmpty(sender?.Id))
        {
            return string.Equals(draft.ReporterId, sender.Id, StringComparison.Ordinal) ? Someone.Reporter : Someone.Else;
        }

        return Someone.Unknown;
    }
}
