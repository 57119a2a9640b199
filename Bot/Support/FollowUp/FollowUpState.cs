namespace TeamsItBot.Support.FollowUp;

/// <summary>Per-conversation memory of the follow-up commands: which ticket "it" is, and a pending "Anything to add?".</summary>
public sealed class FollowUpState
{
    /// <summary>The ticket last shown or acted on in this conversation.</summary>
    public string? LastKey { get; set; }

    /// <summary>Set when the bot asked "What would you like to add to KEY?": the next message is the comment.</summary>
    public string? PendingCommentKey { get; set; }
}
