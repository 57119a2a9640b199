using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsItBot.Framework.Schema;

/// <summary>
/// The Bot Framework activity: the subset of the schema a Teams bot reads and writes.
/// Mutable like the SDK's type because handlers build replies field by field; anything the
/// schema here does not name is kept in <see cref="Properties"/> so it survives a round trip.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Summary { get; set; }
    public string? InputHint { get; set; }
    public string? AttachmentLayout { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public object? Value { get; set; }
    public string? Name { get; set; }
    public string? Locale { get; set; }
    public string? Action { get; set; }
    public IList<Entity>? Entities { get; set; }
    public JsonElement? ChannelData { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>The tenant of the conversation: conversation.tenantId, else channelData.tenant.id.</summary>
    [JsonIgnore]
    public string? TenantId =>
        Conversation?.TenantId is { Length: > 0 } tenant
            ? tenant
            : ChannelData is { ValueKind: JsonValueKind.Object } data
              && data.TryGetProperty("tenant", out var t) && t.ValueKind == JsonValueKind.Object
              && t.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;

    public static Activity CreateMessageActivity(string? text = null) => new() { Type = ActivityTypes.Message, Text = text };

    public static Activity CreateTypingActivity() => new() { Type = ActivityTypes.Typing };

    /// <summary>
    /// A reply addressed as the contract says: from/recipient swapped, conversation, serviceUrl,
    /// channelId and locale copied, replyToId set to this activity's id.
    /// </summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            TenantId = Conversation.TenantId ?? TenantId,
            ConversationType = Conversation.ConversationType,
            IsGroup = Conversation.IsGroup,
        },
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Locale = Locale,
        ReplyToId = Id,
    };

    /// <summary>Reads <see cref="Value"/> as JSON whatever shape it was set or parsed in.</summary>
    public JsonElement? GetValueElement() => Value switch
    {
        null => null,
        JsonElement element => element,
        var other => JsonSerializer.SerializeToElement(other, other.GetType(), BotJson.Options),
    };
}
