using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tickets.Notifications;

/// <summary>
/// One tracked ticket: what the bot last saw of it, whose it is, and where to tell them.
/// <paramref name="NotifyTarget"/> and <paramref name="ConversationKey"/> are opaque here (the
/// conversation layer wrote them); tickets of one conversation share the key, so one "the bot was
/// removed" answer silences all of them.
/// </summary>
public sealed record TrackedTicketRecord(
    TrackedTicketState State,
    string OwnerObjectId,
    string NotifyTarget,
    string ConversationKey,
    bool Notifying = true,
    bool Done = false)
{
    /// <summary>The status of a ticket tracked at creation, before the first poll has seen it.</summary>
    public const string UnknownStatus = "";

    /// <summary>A ticket the bot just filed: nothing about it is known yet, so the first sighting is the baseline.</summary>
    public static TrackedTicketRecord Filed(string key, string ownerObjectId, string notifyTarget, string conversationKey) =>
        new(new TrackedTicketState(key, UnknownStatus, null, 0, null), ownerObjectId, notifyTarget, conversationKey);
}
