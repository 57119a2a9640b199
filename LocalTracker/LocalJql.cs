using System.Text.RegularExpressions;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// The JQL subset the local tracker answers: equality clauses joined by AND on project, labels,
/// key, status and issuetype; statusCategory = or != a category; updated >= "-Nm" (minutes ago);
/// ORDER BY created or updated. Anything else is refused by name.
/// </summary>
public static partial class LocalJql
{
    [GeneratedRegex("""\G\s*(?:(?<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?<op>!=|>=|=)|(?<word>[^\s="'!>]+))""")]
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
                : match.Groups["op"].Success ? ("op", match.Groups["op"].Value)
                : ("word", match.Groups["word"].Value));
        }

        string? project = null, key = null, status = null, type = null, category = null;
        var negated = false;
        int? within = null;
        var ordering = LocalIssueOrder.NewestFirst;
        var labels = new List<string>();
        for (var i = 0; i < tokens.Count;)
        {
            if (tokens[i] is ("word", var order) && order.Equals("ORDER", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryReadOrder(tokens, i, out ordering))
                {
                    error = $"unsupported ORDER BY in '{jql}' (supported: created ASC|DESC, updated ASC)";
                    return false;
                }

                break;
            }

            if (tokens.Count - i < 3 || tokens[i].Kind != "word" || tokens[i + 1].Kind != "op" || tokens[i + 2].Kind == "op")
            {
                error = $"unsupported JQL '{jql}': only field = value clauses joined by AND are supported";
                return false;
            }

            var field = tokens[i].Text.ToUpperInvariant();
            var op = tokens[i + 1].Text;
            var value = tokens[i + 2].Text;
            if (op != "=" && !(field == "STATUSCATEGORY" && op == "!=") && !(field == "UPDATED" && op == ">="))
            {
                error = $"unsupported operator '{op}' for '{tokens[i].Text}'";
                return false;
            }

            switch (field)
            {
                case "STATUSCATEGORY": category = value; negated = op == "!="; break;
                case "UPDATED" when op == ">=" && value.Length > 2 && value[0] == '-' && value[^1] == 'm' && int.TryParse(value[1..^1], System.Globalization.CultureInfo.InvariantCulture, out var minutes) && minutes >= 0:
                    within = minutes;
                    break;
                case "UPDATED":
                    error = "unsupported updated clause (supported: updated >= \"-Nm\")";
                    return false;
                case "PROJECT": project = value; break;
                case "LABELS": labels.Add(value); break;
                case "KEY" or "ISSUEKEY": key = value; break;
                case "STATUS": status = value; break;
                case "ISSUETYPE" or "TYPE": type = value; break;
                default:
                    error = $"unsupported JQL field '{tokens[i].Text}' (supported: project, labels, key, status, issuetype, statusCategory, updated)";
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

        query = new LocalIssueQuery(project, labels, key, status, type, category, negated, within, ordering);
        error = string.Empty;
        return true;
    }

    private static bool TryReadOrder(List<(string Kind, string Text)> tokens, int at, out LocalIssueOrder order)
    {
        order = LocalIssueOrder.NewestFirst;
        var words = tokens.Skip(at).Select(t => t.Kind == "word" ? t.Text.ToUpperInvariant() : "?").ToList();
        if (words.Count < 3 || words[1] != "BY") return false;
        var direction = words.Count > 3 ? words[3] : "ASC";
        if (words.Count > 4 || direction is not ("ASC" or "DESC")) return false;
        switch (words[2])
        {
            case "CREATED": order = direction == "DESC" ? LocalIssueOrder.NewestFirst : LocalIssueOrder.OldestFirst; return true;
            case "UPDATED" when direction == "ASC": order = LocalIssueOrder.LeastRecentlyUpdatedFirst; return true;
            default: return false;
        }
    }

    private static string Unquote(string quoted) =>
        Regex.Replace(quoted[1..^1], @"\\(.)", "$1");
}
