using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.State;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Dialogs;

/// <summary>A bot that runs one root dialog per turn and saves conversation state at the end, as real bots do.</summary>
internal sealed class DialogHarness
{
    public DialogHarness(Dialog root, IStorage? storage = null)
    {
        Root = root;
        Storage = storage ?? new MemoryStorage();
        ConversationState = new ConversationState(Storage);
        Accessor = ConversationState.CreateProperty<DialogState>("DialogState");
    }

    public Dialog Root { get; }

    public IStorage Storage { get; }

    public ConversationState ConversationState { get; }

    public IStatePropertyAccessor<DialogState> Accessor { get; }

    public List<DialogTurnResult> Results { get; } = [];

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        Results.Add(await Root.RunAsync(turnContext, Accessor, cancellationToken));
        await ConversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
    }

    public TestFlow Flow(TestAdapter? adapter = null) => new(adapter ?? new TestAdapter(), OnTurnAsync);

    /// <summary>The stack as stored, read through a fresh state object (what the next turn will see).</summary>
    public async Task<DialogState?> ReadStoredStateAsync(TestAdapter adapter)
    {
        var state = new ConversationState(Storage);
        var turnContext = new TurnContext(adapter, adapter.MakeActivity("peek"));
        return await state.CreateProperty<DialogState>("DialogState").GetAsync(turnContext);
    }
}
