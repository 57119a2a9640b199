using System.Globalization;
using System.Text;

namespace TeamsItBot.Insights.Dashboard;

/// <summary>
/// The events as CSV (RFC 4180). Cells that a spreadsheet would run as a formula (= + - @, tab, CR)
/// get a leading apostrophe, because kept text and comments are the employees' own words.
/// </summary>
public static class EventCsv
{
    public const string Header = "id,time,tenant_id,user_hash,language,topic,score,outcome,duration_seconds,unmatched_text,surveyed,feedback,feedback_comment,satisfaction";

    public static async Task WriteAsync(TextWriter writer, IEnumerable<OutcomeEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        var line = new StringBuilder();
        foreach (var e in events)
        {
            line.Clear();
            Append(line, e.Id).Append(',');
            Append(line, e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(',');
            Append(line, e.TenantId).Append(',');
            Append(line, e.UserHash).Append(',');
            Append(line, e.Language).Append(',');
            Append(line, e.Topic).Append(',');
            Append(line, e.Score?.ToString("0.###", CultureInfo.InvariantCulture)).Append(',');
            Append(line, e.Outcome.ToWire()).Append(',');
            Append(line, e.Duration?.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(',');
            Append(line, e.UnmatchedText).Append(',');
            Append(line, e.Surveyed ? "true" : "false").Append(',');
            Append(line, e.Feedback switch { FeedbackRating.Up => "up", FeedbackRating.Down => "down", _ => null }).Append(',');
            Append(line, e.FeedbackComment).Append(',');
            Append(line, e.Satisfaction?.ToString(CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    private static StringBuilder Append(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"')
            : line.Append(value);
    }
}
