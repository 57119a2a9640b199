using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

/// <summary>Enough of a conversation to message it later (proactive notices).</summary>
public sealed record ConversationReference(
    string ServiceUrl,
    string ChannelId,
    ConversationAccount Conversation,
    ChannelAccount? Bot,
    ChannelAccount? User,
    string? ActivityId,
    string? Locale)
{
    public static ConversationReference From(Activity activity) => new(
        activity.ServiceUrl ?? throw new ArgumentException("The activity has no serviceUrl.", nameof(activity)),
        activity.ChannelId ?? "msteams",
        activity.Conversation ?? throw new ArgumentException("The activity has no conversation.", nameof(activity)),
        activity.Recipient,
        activity.From,
        activity.Id,
        activity.Locale);

    public Activity GetContinuationActivity() => new()
    {
        Type = ActivityTypes.Event,
        Name = "ContinueConversation",
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = Conversation,
        Recipient = Bot,
        From = User,
        Locale = Locale,
    };
}
