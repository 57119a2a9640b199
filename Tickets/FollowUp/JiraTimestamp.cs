using System.Globalization;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// mcp-atlassian passes three timestamp shapes: issues' <c>2026-08-18 09:12:44 UTC</c> (server zone
/// name), comments' raw Jira <c>2026-08-18T09:20:01.123+0000</c>, and jira_add_comment's Python
/// <c>2026-08-18 09:25:00.456000+00:00</c>. ISO 8601 (the local tracker) reads too.
/// </summary>
public static class JiraTimestamp
{
    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.fffzz00", "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd HH:mm:ss.ffffffzzz", "yyyy-MM-dd HH:mm:sszzz", "O",
    ];

    /// <summary>The instant, or null when the text is none of the known shapes (then it is not shown).</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();

        // "+0000" has no colon, which .NET's zzz wants.
        if (value.Length > 5 && (value[^5] is '+' or '-') && value[^4..].All(char.IsAsciiDigit))
        {
            value = string.Concat(value.AsSpan(0, value.Length - 2), ":", value.AsSpan(value.Length - 2));
        }

        if (DateTimeOffset.TryParseExact(value, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        var space = value.LastIndexOf(' ');
        if (space > 0 && value[(space + 1)..] is "UTC" or "GMT" or "Z"
            && DateTime.TryParseExact(value[..space], ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.ffffff"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var any) && value.Contains('T', StringComparison.Ordinal)
            ? any
            : null;
    }
}
