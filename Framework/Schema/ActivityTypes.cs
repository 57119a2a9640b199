namespace TeamsItBot.Framework.Schema;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Typing = "typing";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageReaction = "messageReaction";
    public const string EndOfConversation = "endOfConversation";
}
