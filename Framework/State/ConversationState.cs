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

/// <summary>State of one user across conversations.</summary>
public sealed class UserState(IStorage storage) : BotState(storage, nameof(UserState))
{
    protected override string? GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        return activity.ChannelId is { } channel && activity.From?.Id is { } user
            ? $"{channel}/users/{user}"
            : null;
    }
}
