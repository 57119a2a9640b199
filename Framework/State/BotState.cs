using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.State;

/// <summary>
/// State scoped by a key derived from the activity (conversation, user). Loaded once per turn,
/// its properties are deserialized on first access and kept as live objects, then serialized
/// and written, with the ETag read, by <see cref="SaveChangesAsync"/>.
/// </summary>
public abstract class BotState(IStorage storage, string name)
{
    private readonly string _cacheKey = $"BotState:{name}";

    protected abstract string? GetStorageKey(ITurnContext turnContext);

    public IStatePropertyAccessor<T> CreateProperty<T>(string propertyName) => new StatePropertyAccessor<T>(this, propertyName);

    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (!force && turnContext.TurnState.ContainsKey(_cacheKey))
        {
            return;
        }

        var key = StorageKey(turnContext);
        var items = await storage.ReadAsync([key], cancellationToken);
        var cached = items.TryGetValue(key, out var item)
            ? new CachedState(item.Document, item.ETag)
            : new CachedState([], null);
        turnContext.TurnState[_cacheKey] = cached;
    }

    /// <summary>Writes the state if anything changed; a concurrent writer raises <see cref="StorageConcurrencyException"/>.</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (!turnContext.TurnState.TryGetValue(_cacheKey, out var value) || value is not CachedState cached)
        {
            return;
        }

        if (cached.Serialize(force) is not { } document)
        {
            return;
        }

        var key = StorageKey(turnContext);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(document, cached.ETag) }, cancellationToken);
        // Read back the new ETag lazily on the next turn; within this turn a second save is forced to reload.
        turnContext.TurnState.Remove(_cacheKey);
    }

    public async Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        ((CachedState)turnContext.TurnState[_cacheKey]!).Clear();
    }

    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        turnContext.TurnState.Remove(_cacheKey);
        await storage.DeleteAsync([StorageKey(turnContext)], cancellationToken);
    }

    internal async Task<T?> GetPropertyAsync<T>(ITurnContext turnContext, string property, Func<T>? defaultValueFactory, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        return ((CachedState)turnContext.TurnState[_cacheKey]!).Get(property, defaultValueFactory);
    }

    internal async Task SetPropertyAsync<T>(ITurnContext turnContext, string property, T value, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        ((CachedState)turnContext.TurnState[_cacheKey]!).Set(property, value);
    }

    internal async Task DeletePropertyAsync(ITurnContext turnContext, string property, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, cancellationToken: cancellationToken);
        ((CachedState)turnContext.TurnState[_cacheKey]!).Remove(property);
    }

    private string StorageKey(ITurnContext turnContext) =>
        GetStorageKey(turnContext) ?? throw new InvalidOperationException($"{GetType().Name}: the activity lacks the ids its storage key needs.");
}
