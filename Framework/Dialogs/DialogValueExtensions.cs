using System.Text.Json;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>Typed access to dialog value bags whose contents went through JSON between turns.</summary>
public static class DialogValueExtensions
{
    /// <summary>
    /// The value under <paramref name="key"/> as <typeparamref name="T"/>, or default when absent.
    /// A value in its JSON shape (e.g. a record read back as a dictionary, or an int asked for as a
    /// long) is converted through JSON and stored back, so changes to a returned object persist.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value cannot be read as <typeparamref name="T"/>.</exception>
    public static T? GetValue<T>(this IDictionary<string, object?> values, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.TryGetValue(key, out var value) || value is null)
        {
            return default;
        }

        if (value is T typed)
        {
            return typed;
        }

        var converted = ConvertTo<T>(value, key);
        values[key] = converted;
        return converted;
    }

    /// <summary>Like <see cref="GetValue{T}"/>, false when the key is absent or null.</summary>
    public static bool TryGetValue<T>(this IDictionary<string, object?> values, string key, out T value)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.TryGetValue(key, out var raw) && raw is not null)
        {
            value = values.GetValue<T>(key)!;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Converts any value of a dialog bag (live or in its JSON shape) to <typeparamref name="T"/>.</summary>
    public static T? ConvertTo<T>(object? value) => value switch
    {
        null => default,
        T typed => typed,
        _ => ConvertTo<T>(value, "value"),
    };

    private static T? ConvertTo<T>(object value, string name)
    {
        if (typeof(T) == typeof(DialogState) && value is Dictionary<string, object?> bag && DialogStateShape.TryConvert(bag, out var state))
        {
            return (T)(object)state;
        }

        try
        {
            return value is JsonElement element
                ? element.Deserialize<T>(BotJson.Options)
                : JsonRoundTrip.Convert<T>(value);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The dialog value '{name}' ({value.GetType().Name}) cannot be read as {typeof(T).Name}.", ex);
        }
    }
}
