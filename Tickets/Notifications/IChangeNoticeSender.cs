namespace TeamsItBot.Tickets.Notifications;

/// <summary>What became of one attempt to tell the user.</summary>
public enum ChangeNoticeOutcome
{
    Delivered,

    /// <summary>The conversation refuses the bot (403/404: it was removed): stop notifying there.</summary>
    ConversationGone,

    /// <summary>Throttled: try again after <see cref="ChangeNoticeResult.RetryAfter"/>.</summary>
    RetryAfter,
}

public sealed record ChangeNoticeResult(ChangeNoticeOutcome Outcome, TimeSpan RetryAfter = default)
{
    public static ChangeNoticeResult Delivered { get; } = new(ChangeNoticeOutcome.Delivered);

    public static ChangeNoticeResult ConversationGone { get; } = new(ChangeNoticeOutcome.ConversationGone);

    public static ChangeNoticeResult Later(TimeSpan delay) => new(ChangeNoticeOutcome.RetryAfter, delay);
}

/// <summary>
/// Carries a change notice to the ticket's owner. Implemented by the conversation layer, which alone
/// understands the notify target the ticket was tracked with.
/// </summary>
public interface IChangeNoticeSender
{
    /// <exception cref="Exception">Any other failure: the notice stays pending and is retried with backoff.</exception>
    Task<ChangeNoticeResult> SendAsync(ChangeNotice notice, string notifyTarget, CancellationToken cancellationToken);

    /// <summary>The conversation a notify target names, as a stable key (tickets of one conversation share it).</summary>
    string ConversationOf(string notifyTarget);
}
