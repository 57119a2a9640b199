using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>A transition offered by jira_get_transitions: id as text, the target status when the server sent it.</summary>
public sealed record TicketTransition(string Id, string Name, string? ToStatus, string? ToCategory);

/// <summary>Reads mcp-atlassian's result texts; tolerant of optional keys, strict about keys and ids.</summary>
internal static class FollowUpResultReader
{
    public static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    public static JsonDocument? Parse(CallToolResult result)
    {
        try
        {
            return JsonDocument.Parse(result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? string.Empty);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static TrackedTicket? Ticket(JsonElement issue, Uri browseBase)
    {
        if (issue.ValueKind != JsonValueKind.Object || Str(issue, "key") is not { } key) return null;
        var status = issue.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var assignee = issue.TryGetProperty("assignee", out var a) && a.ValueKind == JsonValueKind.Object ? Str(a, "display_name") : null;
        var browse = Str(issue, "browse_url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? parsed
            : new Uri($"{browseBase.ToString().TrimEnd('/')}/browse/{key}");
        var labels = issue.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Array
            ? l.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        var comments = issue.TryGetProperty("comments", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(Comment).OfType<TicketComment>().ToList()
            : [];
        return new TrackedTicket(
            key,
            Str(issue, "summary") ?? string.Empty,
            status.ValueKind == JsonValueKind.Object ? Str(status, "name") ?? "Unknown" : "Unknown",
            status.ValueKind == JsonValueKind.Object ? Str(status, "category") : null,
            assignee is null or "Unassigned" ? null : assignee,
            JiraTimestamp.Parse(Str(issue, "updated")) ?? JiraTimestamp.Parse(Str(issue, "created")),
            browse,
            labels,
            comments);
    }

    /// <summary>A comment from jira_get_issue (author is a user object) or jira_add_comment (author is a string).</summary>
    public static TicketComment? Comment(JsonElement comment)
    {
        if (comment.ValueKind != JsonValueKind.Object || Id(comment, "id") is not { } id) return null;
        var author = comment.TryGetProperty("author", out var a)
            ? a.ValueKind == JsonValueKind.String ? a.GetString() : a.ValueKind == JsonValueKind.Object ? Str(a, "display_name") ?? Str(a, "name") : null
            : null;
        return new TicketComment(id, author ?? "Someone", Str(comment, "body") ?? string.Empty, JiraTimestamp.Parse(Str(comment, "created")));
    }

    /// <summary>jira_get_transitions: a bare array at 0.23.1; a wrapper object is accepted too.</summary>
    public static IReadOnlyList<TicketTransition>? Transitions(JsonElement root)
    {
        var list = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("transitions", out var t) && t.ValueKind == JsonValueKind.Array ? t
            : default;
        if (list.ValueKind != JsonValueKind.Array) return null;
        var transitions = new List<TicketTransition>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Id(item, "id") is not { } id) continue;
            string? toName = null, toCategory = null;
            if (item.TryGetProperty("to_status", out var to) || item.TryGetProperty("to", out to))
            {
                if (to.ValueKind == JsonValueKind.String) toName = to.GetString();
                else if (to.ValueKind == JsonValueKind.Object)
                {
                    toName = Str(to, "name");
                    toCategory = Str(to, "category")
                        ?? (to.TryGetProperty("statusCategory", out var sc) && sc.ValueKind == JsonValueKind.Object ? Str(sc, "name") : null);
                }
            }

            transitions.Add(new TicketTransition(id, Str(item, "name") ?? id, toName, toCategory));
        }

        return transitions;
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Numeric ids arrive as JSON numbers or strings depending on the tool.</summary>
    private static string? Id(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture)
        : value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s && s.All(char.IsAsciiDigit) ? s
        : null;
}
