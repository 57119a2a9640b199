using System.Text.RegularExpressions;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// The JQL subset the local tracker answers: equality clauses joined by AND on project, labels,
/// key, status and issuetype, plus an ignored ORDER BY. Anything else is refused by name.
/// </summary>
public static partial class LocalJql
{
    [GeneratedRegex("""\G\s*(?:(?<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?<op>=)|(?<word>[^\s="']+))""")]
    private static partial Regex Token();

    public static bool TryParse(string jql, out LocalIssueQuery query, out string error)
    {
        ArgumentNullException.ThrowIfNull(jql);
        query = new LocalIssueQuery(null, [], null, null, null);
        var tokens = new List<(string Kind, string Text)>();
        var position = 0;
        var trimmed = jql.TrimEnd();
        while (position < trimmed.Length)
        {
            var match = Token().Match(trimmed, position);
            if (!match.Success || match.Length == 0)
            {
                error = $"cannot read JQL near '{trimmed[position..]}'";
                return false;
            }

            position += match.Length;
            tokens.Add(match.Groups["str"].Success ? ("value", Unquote(match.Groups["str"].Value))
                : match.Groups["op"].Success ? ("op", "=")
                : ("word", match.Groups["word"].Value));
        }

        string? project = null, key = null, status = null, type = null;
        var labels = new List<string>();
        for (var i = 0; i < tokens.Count;)
        {
            if (tokens[i] is ("word", var order) && order.Equals("ORDER", StringComparison.OrdinalIgnoreCase)) break;
            if (tokens.Count - i < 3 || tokens[i].Kind != "word" || tokens[i + 1].Kind != "op" || tokens[i + 2].Kind == "op")
            {
                error = $"unsupported JQL '{jql}': only field = value clauses joined by AND are supported";
                return false;
            }

            var field = tokens[i].Text.ToUpperInvariant();
            var value = tokens[i + 2].Text;
            switch (field)
            {
                case "PROJECT": project = value; break;
                case "LABELS": labels.Add(value); break;
                case "KEY" or "ISSUEKEY": key = value; break;
                case "STATUS": status = value; break;
                case "ISSUETYPE" or "TYPE": type = value; break;
                default:
                    error = $"unsupported JQL field '{tokens[i].Text}' (supported: project, labels, key, status, issuetype)";
                    return false;
            }

            i += 3;
            if (i < tokens.Count && tokens[i] is ("word", var join) && join.Equals("AND", StringComparison.OrdinalIgnoreCase))
            {
                i++;
            }
            else if (i < tokens.Count && !(tokens[i] is ("word", var next) && next.Equals("ORDER", StringComparison.OrdinalIgnoreCase)))
            {
                error = $"unsupported JQL '{jql}': only AND is supported between clauses";
                return false;
            }
        }

        query = new LocalIssueQuery(project, labels, key, status, type);
        error = string.Empty;
        return true;
    }

    private static string Unquote(string quoted) =>
        Regex.Replace(quoted[1..^1], @"\\(.)", "$1");
}
