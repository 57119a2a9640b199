using System.Text.Json;

namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// Reads a translation beside the knowledge base (<c>knowledge-base.de.json</c>): the same topic ids, each
/// with its title, summary and steps in that language, and the words employees use in it (keywords,
/// phrases, examples). Anything left out is taken from English, and the topic is marked as shown in
/// English when its steps are missing, so the bot can say so.
/// </summary>
public static class KnowledgeBaseTranslations
{
    /// <summary>The translation file of a language beside the English file: knowledge-base.json -> knowledge-base.de.json.</summary>
    public static string PathFor(string englishPath, string language)
    {
        var full = KnowledgeBaseLoader.ResolvePath(englishPath);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $"{Path.GetFileNameWithoutExtension(full)}.{language}{Path.GetExtension(full)}");
    }

    /// <summary>Null when the file does not exist (the language is then shown in English).</summary>
    /// <exception cref="KnowledgeBaseException">The file is unreadable, malformed or names unknown topics.</exception>
    public static KnowledgeBase? Load(string path, KnowledgeBase english, string language)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KnowledgeBaseException($"Knowledge base translation '{path}' could not be read: {e.Message}", e);
        }

        return Parse(json, path, english, language);
    }

    public static KnowledgeBase Parse(string json, string source, KnowledgeBase english, string language)
    {
        ArgumentNullException.ThrowIfNull(english);
        KnowledgeBaseDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<KnowledgeBaseDocument>(json, KnowledgeBaseLoader.JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new KnowledgeBaseException($"Knowledge base translation '{source}' is not valid JSON{where}: {KnowledgeBaseLoader.FirstLine(e.Message)}", e);
        }

        var problems = new List<string>();
        if (document is null)
        {
            throw KnowledgeBaseLoader.Invalid(source, ["the file is empty or null"]);
        }

        if (document.Language is { } declared && !string.Equals(declared, language, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"\"language\" is '{declared}' but the file name says '{language}'");
        }

        var translated = new Dictionary<string, TopicDocument>(StringComparer.OrdinalIgnoreCase);
        foreach (var (raw, index) in (document.Topics ?? []).Select((t, i) => (t, i)))
        {
            if (raw?.Id is not { Length: > 0 } id)
            {
                problems.Add($"topic #{index + 1} has no \"id\"");
            }
            else if (english.FindTopic(id) is null || string.Equals(id, english.General.Id, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"topic #{index + 1} ('{id}') is not a topic of the English knowledge base");
            }
            else if (!translated.TryAdd(id, raw))
            {
                problems.Add($"duplicate topic id '{id}'");
            }
        }

        var topics = english.Topics.Select(t => Translate(t, translated.GetValueOrDefault(t.Id), language, problems)).ToList();
        var general = Translate(english.General, document.General, language, problems);
        if (problems.Count > 0)
        {
            throw KnowledgeBaseLoader.Invalid(source, problems);
        }

        return new KnowledgeBase(topics, general, source);
    }

    private static Topic Translate(Topic english, TopicDocument? raw, string language, List<string> problems)
    {
        if (raw is null)
        {
            return english;
        }

        var label = $"topic '{english.Id}'";
        var steps = KnowledgeBaseLoader.Clean(raw.Steps, label, "steps", problems);
        var keywords = KnowledgeBaseLoader.Clean(raw.Keywords, label, "keywords", problems);
        var phrases = KnowledgeBaseLoader.Clean(raw.Phrases, label, "phrases", problems);
        var examples = KnowledgeBaseLoader.Clean(raw.Examples, label, "examples", problems);
        var hasSteps = steps.Count > 0;
        return new Topic(
            english.Id,
            hasSteps && !string.IsNullOrWhiteSpace(raw.Title) ? raw.Title.Trim() : english.Title,
            hasSteps ? (string.IsNullOrWhiteSpace(raw.Summary) ? null : raw.Summary.Trim()) : english.Summary,
            // Product names are the same in every language: the English keywords always count.
            [.. english.Keywords.Concat(keywords).Distinct(StringComparer.OrdinalIgnoreCase)],
            // English phrases too: "Teams" in a German sentence about a headset still points at meetings.
            [.. phrases.Concat(english.Phrases).Distinct(StringComparer.OrdinalIgnoreCase)],
            hasSteps ? steps : english.Steps)
        {
            Examples = examples,
            Language = hasSteps ? language : english.Language,
        };
    }
}
