using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.State;

/// <summary>State shared by everyone in one conversation (the dialog stack lives here).</summary>
public sealed class ConversationState(IStorage storage) : BotState(storage, nameof(ConversationState))
{
    protected override string? GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        return activity.ChannelId is { } channel && activity.Conversation?.Id is { } conversation
            ? $"{channel}/conversations/{conversation}"
            : null;
    }
}
