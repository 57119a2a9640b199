using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace TeamsItBot.Framework.State;

/// <summary>In-process storage for development and tests; lost on restart.</summary>
public sealed class MemoryStorage : IStorage
{
    private readonly ConcurrentDictionary<string, (string Json, string ETag)> _items = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private long _etag;

    public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (_items.TryGetValue(key, out var item))
            {
                // Copies, so a caller mutating its document cannot change what is stored.
                result[key] = new StoreItem((JsonObject)JsonNode.Parse(item.Json)!, item.ETag);
            }
        }

        return Task.FromResult<IDictionary<string, StoreItem>>(result);
    }

    public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            foreach (var (key, change) in changes)
            {
                var exists = _items.TryGetValue(key, out var current);
                var ok = change.ETag switch
                {
                    "*" => true,
                    null => !exists,
                    var etag => exists && current.ETag == etag,
                };
                if (!ok)
                {
                    throw new StorageConcurrencyException(key);
                }
            }

            foreach (var (key, change) in changes)
            {
                var etag = Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture);
                _items[key] = (change.Document.ToJsonString(), etag);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
        {
            _items.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
