using System.Text.Json;

namespace TeamsItBot.LocalTracker;

/// <summary>Reads tool arguments the way mcp-atlassian validates them: strings are strings, required means present.</summary>
internal sealed class ToolArguments(IDictionary<string, JsonElement> values)
{
    public string? String(string name) =>
        values.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public int? Integer(string name) =>
        values.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : values.TryGetValue(name, out value) && value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out number) ? number
        : null;

    /// <summary>The first problem with the arguments, or null when they fit the schema.</summary>
    public string? Problem(string[] required, string[] optional)
    {
        foreach (var name in required)
        {
            if (!values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return $"Missing required argument '{name}'";
            }

            if (name != "limit" && (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString())))
            {
                return $"Argument '{name}' must be a non-empty string";
            }
        }

        foreach (var (name, value) in values)
        {
            if (!required.Contains(name) && !optional.Contains(name))
            {
                return $"Unexpected argument '{name}'";
            }

            if (optional.Contains(name) && name is not ("limit" or "start_at" or "comment_limit" or "update_history" or "public")
                && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"Argument '{name}' must be a string";
            }
        }

        return null;
    }
}
