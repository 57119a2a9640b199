using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.State;

/// <summary>
/// One turn's view of a stored state document: properties are deserialized on first access and
/// kept as live objects. A save serializes each live property once and compares it with the text
/// it was loaded from, so an unchanged state costs no document copy and no write.
/// </summary>
internal sealed class CachedState
{
    // What JsonSerializer.SerializeToNode would use with BotJson.Options: the written nodes look the same to storage.
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = BotJson.Options.PropertyNameCaseInsensitive };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = BotJson.MaxDepth };

    private readonly JsonObject _document;

    // The properties as loaded, in order, and the UTF-8 text of those already read: a save writes
    // exactly when the document it would write differs from this, as a whole-text comparison would.
    private readonly KeyValuePair<string, JsonNode?>[] _loaded;
    private readonly Dictionary<string, byte[]> _loadedUtf8 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (object? Value, Type Type)> _live = new(StringComparer.Ordinal);

    public CachedState(JsonObject document, string? etag)
    {
        _document = document;
        ETag = etag;
        _loaded = [.. document];
    }

    public string? ETag { get; }

    public T? Get<T>(string property, Func<T>? defaultValueFactory)
    {
        if (_live.TryGetValue(property, out var live))
        {
            return (T?)live.Value;
        }

        if (_document.TryGetPropertyValue(property, out var node) && node is not null)
        {
            // Deserializing a node writes it out as UTF-8 first anyway; keep that text to compare on save.
            var utf8 = JsonSerializer.SerializeToUtf8Bytes(node, BotJson.Options);
            _loadedUtf8[property] = utf8;
            var value = JsonSerializer.Deserialize<T>(utf8, BotJson.Options);
            _live[property] = (value, typeof(T));
            return value;
        }

        if (defaultValueFactory is null)
        {
            return default;
        }

        var created = defaultValueFactory();
        _live[property] = (created, typeof(T));
        return created;
    }

    public void Set<T>(string property, T value) => _live[property] = (value, typeof(T));

    public void Remove(string property)
    {
        _live.Remove(property);
        _document.Remove(property);
    }

    public void Clear()
    {
        _live.Clear();
        _document.Clear();
    }

    /// <summary>
    /// The document to write, or null when it would be the one loaded (unless <paramref name="force"/>).
    /// A new object, as a copy of the loaded document with the live values set would be: live
    /// properties take their loaded places, new ones come last; the loaded document is left as it
    /// is, so a save that fails can be retried.
    /// </summary>
    public JsonObject? Serialize(bool force)
    {
        var serialized = new (string Property, byte[] Utf8)[_live.Count];
        var i = 0;
        foreach (var (property, (value, type)) in _live)
        {
            serialized[i++] = (property, JsonSerializer.SerializeToUtf8Bytes(value, type, BotJson.Options));
        }

        if (!force && IsAsLoaded(serialized))
        {
            return null;
        }

        var document = new JsonObject(_document.Options);
        foreach (var (property, node) in _document)
        {
            document[property] = _live.ContainsKey(property) ? Parse(Utf8Of(serialized, property)) : node?.DeepClone();
        }

        foreach (var (property, utf8) in serialized)
        {
            if (!_document.ContainsKey(property))
            {
                document[property] = Parse(utf8);
            }
        }

        return document;
    }

    private bool IsAsLoaded((string Property, byte[] Utf8)[] serialized)
    {
        // Live names are matched ordinally below; a document that matches them otherwise is just written.
        if (_document.Options?.PropertyNameCaseInsensitive == true)
        {
            return false;
        }

        var appended = 0;
        foreach (var (property, _) in serialized)
        {
            if (!_document.ContainsKey(property))
            {
                appended++;
            }
        }

        if (_document.Count + appended != _loaded.Length)
        {
            return false;
        }

        // Serialized follows the live dictionary's order, which is also the order appended properties take.
        var index = 0;
        foreach (var (property, node) in _document)
        {
            var (loadedProperty, loadedNode) = _loaded[index++];
            if (!string.Equals(property, loadedProperty, StringComparison.Ordinal))
            {
                return false;
            }

            var same = _live.ContainsKey(property)
                ? Utf8Of(serialized, property).SequenceEqual(LoadedUtf8(loadedProperty, loadedNode))
                : ReferenceEquals(node, loadedNode);
            if (!same)
            {
                return false;
            }
        }

        foreach (var (property, utf8) in serialized)
        {
            if (_document.ContainsKey(property))
            {
                continue;
            }

            var (loadedProperty, loadedNode) = _loaded[index++];
            if (!string.Equals(property, loadedProperty, StringComparison.Ordinal) || !utf8.AsSpan().SequenceEqual(LoadedUtf8(loadedProperty, loadedNode)))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonNode? Parse(ReadOnlySpan<byte> utf8) => JsonNode.Parse(utf8, NodeOptions, DocumentOptions);

    private static ReadOnlySpan<byte> Utf8Of((string Property, byte[] Utf8)[] serialized, string property)
    {
        foreach (var (name, utf8) in serialized)
        {
            if (string.Equals(name, property, StringComparison.Ordinal))
            {
                return utf8;
            }
        }

        throw new InvalidOperationException($"The live property '{property}' was not serialized.");
    }

    private byte[] LoadedUtf8(string property, JsonNode? node)
    {
        if (!_loadedUtf8.TryGetValue(property, out var utf8))
        {
            utf8 = JsonSerializer.SerializeToUtf8Bytes(node, BotJson.Options);
            _loadedUtf8[property] = utf8;
        }

        return utf8;
    }
}
