using System.Text.Json;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Testing;

/// <summary>Inbound activities shaped like Teams sends them, addressed to a (fake) serviceUrl.</summary>
public static class TestActivities
{
    public const string BotId = "28:bot-app-id";
    public const string UserId = "29:1user-xyz";
    public const string TenantId = "tenant-0001";
    public const string PersonalConversationId = "a:1Xy-9_Q";

    public static Activity Create(string type, string serviceUrl, string? id = null, string conversationId = PersonalConversationId) => new()
    {
        Type = type,
        Id = id ?? $"act-{Guid.NewGuid():N}",
        Timestamp = DateTimeOffset.UtcNow,
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        Locale = "en-US",
        From = new ChannelAccount { Id = UserId, Name = "Ann User", AadObjectId = "00000000-0000-0000-0000-0000000000aa" },
        Recipient = new ChannelAccount { Id = BotId, Name = "IT Bot" },
        Conversation = new ConversationAccount { Id = conversationId, TenantId = TenantId, ConversationType = "personal" },
        ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = TenantId } }),
    };

    public static Activity Message(string serviceUrl, string text = "Teams is not working", string? id = null, string conversationId = PersonalConversationId)
    {
        var activity = Create(ActivityTypes.Message, serviceUrl, id, conversationId);
        activity.Text = text;
        return activity;
    }

    public static Activity Invoke(string serviceUrl, string name, object? value, string? id = null)
    {
        var activity = Create(ActivityTypes.Invoke, serviceUrl, id);
        activity.Name = name;
        activity.Value = value is null ? null : JsonSerializer.SerializeToElement(value, BotJson.Options);
        return activity;
    }
}
