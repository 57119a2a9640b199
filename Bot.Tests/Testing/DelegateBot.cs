using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Tests.Testing;

/// <summary>An <see cref="IBot"/> made of one lambda; counts the turns it ran.</summary>
public sealed class DelegateBot(BotCallbackHandler onTurn) : IBot
{
    private int _turns;

    public DelegateBot()
        : this((_, _) => Task.CompletedTask)
    {
    }

    public int Turns => Volatile.Read(ref _turns);

    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _turns);
        return onTurn(turnContext, cancellationToken);
    }
}
