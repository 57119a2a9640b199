using System.Collections.Frozen;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Util;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Support.Understanding;

/// <summary>
/// How the topic matcher reads one language: folding, stemming, stop words and negations. English keeps
/// the matcher's own light stemmer (tuned on the regression table); German, French and Spanish use
/// Lucene's light stemmers and stop word lists, after folding accents so "detectee" and "détectée" agree.
/// </summary>
public sealed class MatchLanguage
{
    private const int MaxWord = MatchText.MaxWordLength;

    [ThreadStatic]
    private static char[]? t_buffer;

    [ThreadStatic]
    private static char[]? t_folded;

    private readonly Func<char[], int, int>? _stem;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopwords;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _negations;

    private MatchLanguage(string code, Func<char[], int, int>? stem, IEnumerable<string> stopwords, IEnumerable<string> negations, bool splitsWords)
    {
        Code = code;
        _stem = stem;
        SplitsWords = splitsWords;
        _negations = negations.Select(Fold).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _stopwords = stopwords.Select(StemOf).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static MatchLanguage English { get; } = new("en", null, [], [], splitsWords: false);

    public static MatchLanguage German { get; } = new(
        "de",
        new GermanLightStemmer().Stem,
        Words(GermanAnalyzer.DefaultStopSet).Concat(MatchLanguageWords.German),
        ["nicht", "kein", "keine", "keinen", "keiner", "keinem", "nie", "niemals", "ohne", "nix", "nichts"],
        splitsWords: true);

    public static MatchLanguage French { get; } = new(
        "fr",
        new FrenchLightStemmer().Stem,
        // "son" (sound) and "ton" (the stem of "toner") are possessives to Lucene, but IT words here.
        Words(FrenchAnalyzer.DefaultStopSet).Except(["son", "ton"]).Concat(MatchLanguageWords.French),
        ["ne", "pas", "plus", "jamais", "aucun", "aucune", "rien", "sans", "impossible"],
        splitsWords: true);

    public static MatchLanguage Spanish { get; } = new(
        "es",
        new SpanishLightStemmer().Stem,
        Words(SpanishAnalyzer.DefaultStopSet).Concat(MatchLanguageWords.Spanish),
        ["no", "ni", "nunca", "jamas", "ningun", "ninguna", "ninguno", "sin", "nada", "imposible"],
        splitsWords: true);

    public static IReadOnlyList<MatchLanguage> All { get; } = [English, German, French, Spanish];

    /// <summary>Two-letter code: en, de, fr, es.</summary>
    public string Code { get; }

    /// <summary>
    /// Apostrophes and hyphens split words ("l'imprimante", "Laptop-Akku"); the matcher joins two words
    /// back when together they form a known word ("E-Mail" -> "email"). English keeps "can't" -> "cant".
    /// </summary>
    public bool SplitsWords { get; }

    /// <summary>German glues nouns together ("Zertifikatsfehler"): unknown words are searched for known parts.</summary>
    public bool Compounds => Code == "de";

    public static MatchLanguage? Find(string? code) => All.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));

    public bool IsNegation(ReadOnlySpan<char> word) =>
        _stem is null ? MatchText.Negations.Contains(word) : _negations.Contains(word);

    public bool IsStopword(ReadOnlySpan<char> stem) =>
        _stem is null ? MatchText.Stopwords.Contains(stem) : _stopwords.Contains(stem) || MatchText.Stopwords.Contains(stem);

    /// <summary>Folds and stems the lower-case word in place; returns the new length.</summary>
    public int Stem(Span<char> word)
    {
        if (_stem is null)
        {
            return MatchText.Stem(word);
        }

        var buffer = t_buffer ??= new char[MaxWord * 4];
        var folded = t_folded ??= new char[MaxWord * 4];
        var length = Math.Min(word.Length, MaxWord);
        word[..length].CopyTo(buffer);
        length = ASCIIFoldingFilter.FoldToASCII(buffer, 0, folded, 0, length);
        length = Math.Min(_stem(folded, length), word.Length);
        folded.AsSpan(0, length).CopyTo(word);
        return length;
    }

    public string StemOf(string word)
    {
        var lower = word.ToLowerInvariant();
        Span<char> buffer = stackalloc char[Math.Min(lower.Length, MaxWord)];
        lower.AsSpan(0, buffer.Length).CopyTo(buffer);
        return new string(buffer[..Stem(buffer)]);
    }

    private static string Fold(string word)
    {
        var lower = word.ToLowerInvariant().ToCharArray();
        var output = new char[lower.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(lower, 0, output, 0, lower.Length);
        return new string(output, 0, length);
    }

    private static List<string> Words(CharArraySet set) => [.. set.Select(w => w.ToString())];
}
