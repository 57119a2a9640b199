using System.Globalization;
using System.Text.Json;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// The user's time zone from the activity: the <c>localTimezone</c> field or the clientInfo entity's
/// <c>timezone</c> (IANA names, as Teams sends them), else the offset of <c>localTimestamp</c>, else UTC.
/// </summary>
public sealed record UserTimeZone(TimeZoneInfo? Zone, TimeSpan Offset, string Label)
{
    public static readonly UserTimeZone Utc = new(TimeZoneInfo.Utc, TimeSpan.Zero, "UTC");

    public static UserTimeZone From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var name = activity.Properties is { } p && p.TryGetValue("localTimezone", out var tz) && tz.ValueKind == JsonValueKind.String ? tz.GetString() : null;
        name ??= activity.Entities?
            .Where(e => string.Equals(e.Type, "clientInfo", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Properties is { } ep && ep.TryGetValue("timezone", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (!string.IsNullOrWhiteSpace(name) && name.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(name.Trim(), out var zone))
        {
            return new UserTimeZone(zone, TimeSpan.Zero, zone.Id);
        }

        return activity.LocalTimestamp is { } local && local.Offset != TimeSpan.Zero
            ? new UserTimeZone(null, local.Offset, "UTC" + local.ToString("zzz", CultureInfo.InvariantCulture))
            : Utc;
    }

    /// <summary>
    /// "1 Dec 2026 10:15" in this zone; German, French and Spanish readers get their own day-first numeric
    /// dates ("1.12.2026 10:15", "01/12/2026 10:15", "1/12/2026 10:15"): the app runs without culture data.
    /// </summary>
    public string Format(DateTimeOffset instant, string? language = null)
    {
        var local = Zone is null ? instant.ToOffset(Offset) : TimeZoneInfo.ConvertTime(instant, Zone);
        var pattern = language switch
        {
            "de" => "d.M.yyyy HH:mm",
            "fr" => "dd'/'MM'/'yyyy HH:mm",
            "es" => "d'/'M'/'yyyy HH:mm",
            _ => "d MMM yyyy HH:mm",
        };
        return local.ToString(pattern, CultureInfo.InvariantCulture);
    }
}
