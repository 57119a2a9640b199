using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.State;

public interface IStatePropertyAccessor<T>
{
    string Name { get; }

    /// <summary>The value, or the default factory's result (then remembered), or default(T).</summary>
    Task<T?> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default);

    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default);

    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}

internal sealed class StatePropertyAccessor<T>(BotState state, string name) : IStatePropertyAccessor<T>
{
    public string Name => name;

    public Task<T?> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default) =>
        state.GetPropertyAsync(turnContext, name, defaultValueFactory, cancellationToken);

    public Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default) =>
        state.SetPropertyAsync(turnContext, name, value, cancellationToken);

    public Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        state.DeletePropertyAsync(turnContext, name, cancellationToken);
}
