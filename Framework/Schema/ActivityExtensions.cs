namespace TeamsItBot.Framework.Schema;

public static class ActivityExtensions
{
    public static bool IsType(this Activity activity, string type) =>
        string.Equals(activity.Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>Group chats and channels: anything but a one-to-one conversation.</summary>
    public static bool IsGroupConversation(this Activity activity) =>
        activity.Conversation?.IsGroup == true
        || activity.Conversation?.ConversationType is "groupChat" or "channel";

    public static bool MentionsRecipient(this Activity activity) =>
        activity.Entities?.Any(e => IsMentionOf(e, activity.Recipient?.Id)) == true;

    /// <summary>
    /// Removes the bot's own mention (<c>&lt;at&gt;Bot&lt;/at&gt;</c>) from the text, as Teams
    /// includes it verbatim in group conversations.
    /// </summary>
    public static string RemoveRecipientMention(this Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        foreach (var mention in activity.Entities?.Where(e => IsMentionOf(e, activity.Recipient?.Id)) ?? [])
        {
            if (!string.IsNullOrEmpty(mention.Text))
            {
                text = text.Replace(mention.Text, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text.Trim();
    }

    private static bool IsMentionOf(Entity entity, string? id) =>
        string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase)
        && id is not null
        && string.Equals(entity.Mentioned?.Id, id, StringComparison.OrdinalIgnoreCase);
}
