using System.Text.Json.Nodes;

namespace TeamsItBot.Framework.State;

/// <summary>
/// Key/value storage of JSON documents with optimistic concurrency, the shape of the SDK's
/// IStorage. ETag semantics on write: <c>null</c> = create only (conflict if the key exists),
/// <c>"*"</c> = unconditional, anything else = must equal the stored ETag.
/// </summary>
public interface IStorage
{
    Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <exception cref="StorageConcurrencyException">An ETag did not match; nothing of that key was written.</exception>
    Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

/// <summary>A stored document and the ETag it was read with (or is written against).</summary>
public sealed record StoreItem(JsonObject Document, string? ETag);

public sealed class StorageConcurrencyException(string key)
    : Exception($"The stored item '{key}' was changed by another writer.")
{
    public string Key { get; } = key;
}
