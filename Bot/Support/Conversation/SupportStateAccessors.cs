using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.State;

namespace TeamsItBot.Support.Conversation;

/// <summary>The conversation-state properties of the support bot, created once.</summary>
public sealed class SupportStateAccessors(ConversationState conversationState)
{
    public ConversationState ConversationState { get; } = conversationState;

    public IStatePropertyAccessor<DialogState> DialogState { get; } = conversationState.CreateProperty<DialogState>("dialogState");

    public IStatePropertyAccessor<SupportConversationData> Data { get; } = conversationState.CreateProperty<SupportConversationData>("support");

    public async Task<SupportConversationData> GetDataAsync(Framework.Hosting.ITurnContext turnContext, CancellationToken cancellationToken) =>
        (await Data.GetAsync(turnContext, () => new SupportConversationData(), cancellationToken))!;
}
