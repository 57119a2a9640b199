using System.Text.Json.Serialization;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// One entry of the dialog stack. <see cref="State"/> is persisted as JSON between turns, so a value
/// read on a later turn is its JSON shape (string, int/long/double, bool, null, nested
/// <c>Dictionary&lt;string, object?&gt;</c> or <c>List&lt;object?&gt;</c>); read typed values with
/// <see cref="DialogValueExtensions.GetValue{T}"/>.
/// </summary>
public sealed class DialogInstance
{
    public string Id { get; set; } = string.Empty;

    [JsonConverter(typeof(DialogValuesConverter))]
    public IDictionary<string, object?> State { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
