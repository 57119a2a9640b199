using System.Text.Json;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// What the outbox keeps (as an opaque string) so a ticket finished in the background can be
/// announced: the conversation, and the confirm card to replace.
/// </summary>
public sealed record TicketNotifyTarget(ConversationReference Reference, string? CardActivityId)
{
    public string Serialize() => JsonSerializer.Serialize(this, BotJson.Options);

    /// <summary>The target, or null when <paramref name="json"/> is empty or unreadable.</summary>
    public static TicketNotifyTarget? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TicketNotifyTarget>(json, BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
