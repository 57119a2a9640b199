using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// Reads a persisted value bag into plain CLR values instead of <see cref="JsonElement"/>s, so
/// strings, numbers and bools stored on one turn can be cast on the next; objects and arrays
/// become nested dictionaries and lists that <see cref="DialogValueExtensions.GetValue{T}"/>
/// turns back into records. Writes each value by its runtime type.
/// </summary>
internal sealed class DialogValuesConverter : JsonConverter<IDictionary<string, object?>>
{
    public override IDictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A dialog value bag must be a JSON object.");
        }

        // Straight from the reader: a JsonDocument per bag (and per nested bag on every conversion) cost more than the values.
        return ReadObject(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, IDictionary<string, object?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            if (item is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, item, item.GetType(), options);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Converts a JSON element to the CLR shape described on the class.</summary>
    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => ToNumber(element),
        JsonValueKind.Object => ToDictionary(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        _ => null,
    };

    internal static Dictionary<string, object?> ToDictionary(JsonElement element)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            values[property.Name] = ToValue(property.Value);
        }

        return values;
    }

    // The same shapes as ToValue; the serializer hands a converter its whole value, so Read never runs out.
    private static object? ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Number => ReadNumber(ref reader),
        JsonTokenType.StartObject => ReadObject(ref reader),
        JsonTokenType.StartArray => ReadArray(ref reader),
        _ => null,
    };

    private static Dictionary<string, object?> ReadObject(ref Utf8JsonReader reader)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            values[name] = ReadValue(ref reader);
        }

        return values;
    }

    private static List<object?> ReadArray(ref Utf8JsonReader reader)
    {
        var items = new List<object?>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader));
        }

        return items;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("A dialog value bag ends early.");

    private static object ReadNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt32(out var i))
        {
            return i;
        }

        if (reader.TryGetInt64(out var l))
        {
            return l;
        }

        return reader.GetDouble();
    }

    // Boxed one by one: a ?: chain would promote every branch to double.
    private static object ToNumber(JsonElement element)
    {
        if (element.TryGetInt32(out var i))
        {
            return i;
        }

        if (element.TryGetInt64(out var l))
        {
            return l;
        }

        return element.GetDouble();
    }
}
