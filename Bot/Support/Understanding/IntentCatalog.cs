using System.Globalization;
using System.Text;
using System.Text.Json;
using Lucene.Net.Analysis.Miscellaneous;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Support.Understanding;

/// <summary>
/// The intents of short messages, read from data an admin can extend: <c>intents.json</c> (English) beside
/// the knowledge base and one file per language (<c>intents.de.json</c>, ...). A message in a language is
/// read against that language's phrasings and the English ones. Phrases are compared after lower-casing,
/// dropping accents and punctuation, so "Ça marche !" and "ca marche" are the same.
/// </summary>
public sealed class IntentCatalog
{
    private readonly Dictionary<string, Dictionary<string, IntentPhrases>> _byLanguage;
    private readonly Dictionary<string, SocialReading> _social;

    private IntentCatalog(Dictionary<string, Dictionary<string, IntentPhrases>> byLanguage, Dictionary<string, HashSet<string>> filler)
    {
        _byLanguage = byLanguage;
        _social = byLanguage.ToDictionary(p => p.Key, p => new SocialReading(p.Value, filler.GetValueOrDefault(p.Key) ?? []), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>intents.json beside the knowledge base file, with its translations.</summary>
    public static string PathBeside(string knowledgeBasePath)
    {
        var beside = Path.Combine(Path.GetDirectoryName(KnowledgeBaseLoader.ResolvePath(knowledgeBasePath)) ?? ".", "intents.json");
        // A knowledge base kept elsewhere without its own intent files uses the shipped ones.
        return File.Exists(beside) ? beside : Path.Combine(AppContext.BaseDirectory, "Support", "KnowledgeBase", "intents.json");
    }

    /// <exception cref="KnowledgeBaseException">A file is missing (English), malformed or names an unknown intent.</exception>
    public static IntentCatalog Load(string englishPath)
    {
        if (!File.Exists(englishPath))
        {
            throw new KnowledgeBaseException($"Intent file '{englishPath}' was not found.");
        }

        var byLanguage = new Dictionary<string, Dictionary<string, IntentPhrases>>(StringComparer.OrdinalIgnoreCase);
        var filler = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in LanguageDetector.Supported)
        {
            var path = language == LanguageDetector.English
                ? englishPath
                : Path.Combine(Path.GetDirectoryName(englishPath) ?? ".", $"{Path.GetFileNameWithoutExtension(englishPath)}.{language}.json");
            if (File.Exists(path))
            {
                (byLanguage[language], filler[language]) = Read(File.ReadAllText(path), path, language);
            }
        }

        return new IntentCatalog(byLanguage, filler);
    }

    public static Dictionary<string, IntentPhrases> Parse(string json, string source, string language) => Read(json, source, language).Phrases;

    /// <summary>
    /// The file's phrasings per intent, and its <c>filler</c> words: what may stand beside social phrases
    /// without changing them ("ok", "mate").
    /// </summary>
    private static (Dictionary<string, IntentPhrases> Phrases, HashSet<string> Filler) Read(string json, string source, string language)
    {
        IntentDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<IntentDocument>(json, KnowledgeBaseLoader.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new KnowledgeBaseException($"Intent file '{source}' is not valid JSON: {KnowledgeBaseLoader.FirstLine(e.Message)}", e);
        }

        var problems = new List<string>();
        var result = new Dictionary<string, IntentPhrases>(StringComparer.Ordinal);
        foreach (var (raw, i) in (document?.Intents ?? []).Select((x, i) => (x, i)))
        {
            var id = IntentIds.All.FirstOrDefault(k => string.Equals(k, raw?.Id, StringComparison.OrdinalIgnoreCase));
            if (id is null)
            {
                problems.Add($"intent #{i + 1} '{raw?.Id}' is not one of {string.Join(", ", IntentIds.All)}");
                continue;
            }

            var exact = KnowledgeBaseLoader.Clean(raw!.Exact, id, "exact", problems).Select(p => Normalize(p, language)).Where(p => p.Length > 0);
            var contains = KnowledgeBaseLoader.Clean(raw.Contains, id, "contains", problems).Select(p => Normalize(p, language)).Where(p => p.Length > 0);
            var existing = result.GetValueOrDefault(id);
            result[id] = new IntentPhrases(
                [.. (existing?.Exact ?? []).Concat(exact)],
                [.. (existing?.Contains ?? []).Concat(contains).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length)]);
        }

        if (problems.Count > 0)
        {
            throw KnowledgeBaseLoader.Invalid(source, problems);
        }

        var filler = (document?.Filler ?? []).SelectMany(word => Normalize(word, language).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return (result, [.. filler]);
    }

    /// <summary>Every intent the message expresses, in its language and in English; context decides between them.</summary>
    public IReadOnlySet<string> Recognize(string? text, string language)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in Languages(language))
        {
            var normalized = Normalize(text, code);
            if (normalized.Length == 0)
            {
                continue;
            }

            var padded = $" {normalized} ";
            foreach (var (id, phrases) in _byLanguage[code])
            {
                if (phrases.Exact.Contains(normalized) || phrases.Contains.Any(p => padded.Contains($" {p} ", StringComparison.Ordinal)))
                {
                    found.Add(id);
                }
            }

            found.UnionWith(_social[code].Read(normalized));
        }

        return found;
    }

    public bool Is(string? text, string language, string intentId) => Recognize(text, language).Contains(intentId);

    /// <summary>
    /// The words of the message that are not the request itself ("open a ticket, my monitor is dead" ->
    /// "my monitor is dead"), so a request is never taken for the problem: empty when nothing is left.
    /// </summary>
    public string RemainderAfter(string text, string language, string intentId)
    {
        foreach (var code in Languages(language))
        {
            var normalized = $" {Normalize(text, code)} ";
            if (_byLanguage[code].GetValueOrDefault(intentId) is not { } phrases)
            {
                continue;
            }

            foreach (var phrase in phrases.Contains)
            {
                var at = normalized.IndexOf($" {phrase} ", StringComparison.Ordinal);
                if (at >= 0)
                {
                    return (normalized[..at] + " " + normalized[(at + phrase.Length + 2)..]).Trim();
                }
            }
        }

        return Normalize(text, language);
    }

    /// <summary>Lower case, accents dropped, punctuation as spaces (apostrophes too, except in English: "don't" -> "dont").</summary>
    public static string Normalize(string? text, string language)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // Lucene's folding, not string.Normalize: the app may run with invariant globalization.
        var lower = text.Trim().ToLower(CultureInfo.InvariantCulture).ToCharArray();
        var output = new char[lower.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(lower, 0, output, 0, lower.Length);
        var folded = output.AsSpan(0, length);
        var builder = new StringBuilder(length);
        var space = true;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c) || (c == '?' && folded.Length == 1))
            {
                builder.Append(c);
                space = false;
            }
            else if (language == LanguageDetector.English && c is '\'' or '\u2019' or '`')
            {
                // "can't" -> "cant", as the English phrase lists spell it.
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().Trim();
    }

    private IEnumerable<string> Languages(string language)
    {
        if (language != LanguageDetector.English && _byLanguage.ContainsKey(language))
        {
            yield return language;
        }

        if (_byLanguage.ContainsKey(LanguageDetector.English))
        {
            yield return LanguageDetector.English;
        }
    }

    public sealed record IntentPhrases(HashSet<string> Exact, string[] Contains);

    private sealed class IntentDocument
    {
        public List<IntentEntry?>? Intents { get; set; }

        public List<string>? Filler { get; set; }
    }

    private sealed class IntentEntry
    {
        public string? Id { get; set; }

        public List<string?>? Exact { get; set; }

        public List<string?>? Contains { get; set; }
    }
}
