using System.Text;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// The Markdown body of a comment the bot adds for an employee: a header naming the writer, then
/// their words as a quote escaped like the description (<see cref="JiraTicketFormat"/>), so a
/// comment can neither fake another author nor add markup.
/// </summary>
public static class JiraCommentFormat
{
    /// <summary>Every bot-written comment starts with this, which is how the change poller skips its own comments.</summary>
    public const string HeaderPrefix = "**From Microsoft Teams, by ";

    private static readonly string[] LineBreaks = ["\r\n", "\r", "\n", "\u2028", "\u2029", "\u0085"];

    public static string Comment(string authorName, string text, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var author = string.Join(' ', (authorName ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var body = new StringBuilder()
            .Append(HeaderPrefix).Append(JiraTicketFormat.EscapeInline(author.Length == 0 ? "the reporter" : author));
        if (action is not null) body.Append(" (").Append(JiraTicketFormat.EscapeInline(action)).Append(')');
        body.Append(":**\n");
        var lines = string.Concat(text.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')).Split(LineBreaks, StringSplitOptions.None)
            .Select(l => l.Trim()).SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToList();
        if (lines.Count == 0) body.Append("> (no text)\n");
        foreach (var line in lines)
        {
            body.Append(line.Length == 0 ? ">\n" : $"> {JiraTicketFormat.EscapeInline(line)}\n");
        }

        return body.ToString();
    }

    /// <summary>True for a comment body the bot wrote (as Jira may return it, with the escapes rendered or not).</summary>
    public static bool IsFromBot(string body) =>
        body.TrimStart().StartsWith(HeaderPrefix, StringComparison.Ordinal)
        || body.TrimStart().StartsWith("*From Microsoft Teams, by ", StringComparison.Ordinal);
}
