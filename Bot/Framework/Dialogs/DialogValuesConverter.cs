using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// Reads a persisted value bag into plain CLR values instead of <see cref="JsonElement"/>s, so
/// strings, numbers and bools stored on one turn can be cast on the next; objects and arrays
/// become nested dictionaries and lists that <see cref="DialogValueExtensions.GetValue{T}"/>
/// turns back into records. Writes each value by its runtime type.
/// </summary>
public sealed class DialogValuesConverter : JsonConverter<IDictionary<string, object?>>
{
    public override IDictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A dialog value bag must be a JSON object.");
        }

        return ToDictionary(document.RootElement);
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
