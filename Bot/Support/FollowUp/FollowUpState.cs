using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Support.FollowUp;

/// <summary>Per-conversation memory of the follow-up commands: which ticket "it" is, a pending "Anything to add?", the next page of the list.</summary>
public sealed class FollowUpState
{
    /// <summary>The ticket last shown or acted on in this conversation.</summary>
    public string? LastKey { get; set; }

    /// <summary>Set when the bot asked "What would you like to add to KEY?": the next message is the comment.</summary>
    public string? PendingCommentKey { get; set; }

    /// <summary>
    /// Where the next page of "my tickets" starts, set only while the list the bot just showed has more:
    /// a typed "more" means the list only as the very next message.
    /// </summary>
    public TicketCursor? MoreTickets { get; set; }
}
