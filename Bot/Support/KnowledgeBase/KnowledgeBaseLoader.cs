using System.Text.Json;
using TeamsItBot.Tickets;

namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// Reads and validates the knowledge base file. Schema (comments and trailing commas are allowed so an
/// IT admin can edit it by hand):
/// <code>
/// { "version": 1,
///   "general": { "id": "general", "title": "...", "summary": "...", "steps": ["..."] },
///   "topics": [ { "id": "teams", "title": "...", "summary": "optional one-line intro",
///                 "keywords": ["teams"],                 // strong, specific words (product names)
///                 "phrases": ["chat", "teams not loading"], // weaker words and multi-word phrases
///                 "examples": ["my chats wont load"],   // optional: sentences as employees type them
///                 "steps": ["...", "..."],                // shown in order
///                 "ticket": { "issueType": "Bug", "priority": "High",   // optional, over the Tickets defaults
///                             "components": ["Email"], "labels": ["outlook"] } } ] }
/// </code>
/// Every problem found is reported at once, naming the file, the topic and what is wrong.
/// </summary>
public static class KnowledgeBaseLoader
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>A relative path is taken from the application's base directory, where the file is copied on build.</summary>
    public static string ResolvePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path));
    }

    /// <exception cref="KnowledgeBaseException">The file is missing, unreadable or invalid.</exception>
    public static KnowledgeBase Load(string path)
    {
        var fullPath = ResolvePath(path);
        if (!File.Exists(fullPath))
        {
            throw new KnowledgeBaseException($"Knowledge base file '{fullPath}' was not found (set {KnowledgeBaseOptions.SectionName}:Path to the JSON file).");
        }

        string json;
        try
        {
            json = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KnowledgeBaseException($"Knowledge base file '{fullPath}' could not be read: {e.Message}", e);
        }

        return Parse(json, fullPath);
    }

    /// <param name="source">Names the origin in error messages (normally the file path).</param>
    /// <exception cref="KnowledgeBaseException">The JSON is malformed or breaks the schema.</exception>
    public static KnowledgeBase Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        KnowledgeBaseDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<KnowledgeBaseDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw new KnowledgeBaseException($"Knowledge base file '{source}' is not valid JSON{where}: {FirstLine(e.Message)}", e);
        }

        var problems = new List<string>();
        if (document is null)
        {
            throw Invalid(source, ["the file is empty or null"]);
        }

        var general = document.General is null
            ? null
            : ToTopic(document.General, "general", problems, requireMatchTerms: false, defaultId: "general");
        if (document.General is null)
        {
            problems.Add("\"general\" (the fallback first steps) is missing");
        }

        var topics = new List<Topic>();
        if (document.Topics is null || document.Topics.Count == 0)
        {
            problems.Add("\"topics\" is missing or empty");
        }
        else
        {
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            if (general is not null)
            {
                seen[general.Id] = 0;
            }

            for (var i = 0; i < document.Topics.Count; i++)
            {
                var label = $"topic #{i + 1}";
                if (document.Topics[i] is not { } raw)
                {
                    problems.Add($"{label} is null");
                    continue;
                }

                var topic = ToTopic(raw, label, problems, requireMatchTerms: true, defaultId: null);
                if (topic is null)
                {
                    continue;
                }

                if (seen.TryGetValue(topic.Id, out var first))
                {
                    problems.Add($"duplicate topic id '{topic.Id}' ({(first == 0 ? "general" : $"topic #{first}")} and {label})");
                    continue;
                }

                seen[topic.Id] = i + 1;
                topics.Add(topic);
            }
        }

        if (problems.Count > 0 || general is null)
        {
            throw Invalid(source, problems);
        }

        return new KnowledgeBase(topics, general, source);
    }

    private static Topic? ToTopic(TopicDocument raw, string label, List<string> problems, bool requireMatchTerms, string? defaultId)
    {
        var before = problems.Count;
        var id = string.IsNullOrWhiteSpace(raw.Id) ? defaultId : raw.Id.Trim();
        if (id is null)
        {
            problems.Add($"{label} has no \"id\"");
        }
        else
        {
            label = $"{label} ('{id}')";
        }

        if (string.IsNullOrWhiteSpace(raw.Title))
        {
            problems.Add($"{label} has no \"title\"");
        }

        var steps = Clean(raw.Steps, label, "steps", problems);
        if (steps.Count == 0)
        {
            problems.Add($"{label} has no \"steps\"");
        }

        var examples = Clean(raw.Examples, label, "examples", problems);
        var keywords = Clean(raw.Keywords, label, "keywords", problems);
        var phrases = Clean(raw.Phrases, label, "phrases", problems);
        if (requireMatchTerms && keywords.Count + phrases.Count == 0)
        {
            problems.Add($"{label} has no \"keywords\" or \"phrases\", so it can never match");
        }

        foreach (var term in keywords.Concat(phrases))
        {
            if (!MatchText.HasDistinctiveWord(term))
            {
                problems.Add($"{label} term '{term}' has only common words (like 'not working'), so it cannot identify the topic");
            }
        }

        var ticket = raw.Ticket is null ? null : ToTicketFields(raw.Ticket, label, problems);
        return problems.Count > before || id is null
            ? null
            : new Topic(id, raw.Title!.Trim(), string.IsNullOrWhiteSpace(raw.Summary) ? null : raw.Summary.Trim(), keywords, phrases, steps, ticket) { Examples = examples };
    }

    /// <summary>
    /// A topic's issue fields. Jira checks names against the project, so only what can never work is refused
    /// here: empty values, a component with a comma (mcp-atlassian splits the list on commas) and labels with
    /// spaces (Jira labels are single words).
    /// </summary>
    private static TicketFields ToTicketFields(TicketFieldsDocument raw, string label, List<string> problems)
    {
        var issueType = Single(raw.IssueType, label, "issueType", problems);
        var priority = Single(raw.Priority, label, "priority", problems);
        var components = raw.Components is null ? null : Clean(raw.Components, label, "ticket.components", problems);
        foreach (var component in components ?? [])
        {
            if (component.Contains(',', StringComparison.Ordinal))
            {
                problems.Add($"{label} ticket component '{component}' contains a comma (components are sent comma-separated)");
            }
        }

        var labels = raw.Labels is null ? null : Clean(raw.Labels, label, "ticket.labels", problems);
        foreach (var jiraLabel in labels ?? [])
        {
            if (jiraLabel.Any(char.IsWhiteSpace))
            {
                problems.Add($"{label} ticket label '{jiraLabel}' contains a space (Jira labels are single words)");
            }
        }

        return new TicketFields(issueType, priority, components, labels);
    }

    private static string? Single(string? value, string label, string property, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{label} \"ticket.{property}\" is empty (leave it out to use the default)");
            return null;
        }

        return value.Trim();
    }

    internal static List<string> Clean(List<string?>? values, string label, string property, List<string> problems)
    {
        var result = new List<string>();
        if (values is null)
        {
            return result;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                problems.Add($"{label} \"{property}\" item #{i + 1} is empty");
            }
            else
            {
                result.Add(values[i]!.Trim());
            }
        }

        return result;
    }

    internal static KnowledgeBaseException Invalid(string source, IEnumerable<string> problems) =>
        new($"Knowledge base file '{source}' is invalid: {string.Join("; ", problems)}.");

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
