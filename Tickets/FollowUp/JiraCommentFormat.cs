using System.Text;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// The Markdown body of a comment the bot adds for an employee: a header naming the writer, then
/// their words made literal like the description's message (<see cref="JiraLiteral"/>), so a
/// comment can neither fake another author nor add markup.
/// </summary>
public static class JiraCommentFormat
{
    /// <summary>Every bot-written comment starts with this, which is how the change poller skips its own comments.</summary>
    public const string HeaderPrefix = "**From Microsoft Teams, by ";

    /// <summary>
    /// The header on its own paragraph, then the employee's words as one literal block (the same
    /// defusing as the description's message, for the deployment's flavour).
    /// </summary>
    public static string Comment(string authorName, string text, string? action = null, JiraFlavor flavor = JiraFlavor.Cloud)
    {
        ArgumentNullException.ThrowIfNull(text);
        var author = string.Join(' ', (authorName ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var body = new StringBuilder()
            .Append(HeaderPrefix).Append(JiraLiteral.Inline(author.Length == 0 ? "the reporter" : author, flavor));
        if (action is not null) body.Append(" (").Append(JiraLiteral.Inline(action, flavor)).Append(')');
        body.Append(":**\n\n");
        var words = string.Concat(text.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t'));
        body.Append(string.IsNullOrWhiteSpace(words) ? "(no text)" : JiraLiteral.Block(words, flavor)).Append('\n');
        return body.ToString();
    }

    /// <summary>True for a comment body the bot wrote (as Jira may return it, with the escapes rendered or not).</summary>
    public static bool IsFromBot(string body) =>
        body.TrimStart().StartsWith(HeaderPrefix, StringComparison.Ordinal)
        || body.TrimStart().StartsWith("*From Microsoft Teams, by ", StringComparison.Ordinal);
}
