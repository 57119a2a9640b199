using System.Buffers;
using TeamsItBot.Support.Understanding;

namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// Finds the knowledge base topic a message is about. Everything is precomputed at construction (a
/// vocabulary of stemmed words, the terms as word-id sequences, an index by first word), so a match
/// only reads the message once, looks words up through span-keyed dictionaries, and works in
/// stack-allocated buffers: thread-safe, no per-call regex, no allocation beyond the result.
/// </summary>
/// <remarks>
/// Scoring: each keyword or phrase of a topic counts once; a single keyword weighs 3, a single phrase
/// word 1.5, and each further word of a multi-word term adds 1. A word matched only within edit
/// distance (1 for words of 5-7 letters, 2 from 8; only a transposition up to 4 letters) counts 0.8 or 0.6 of
/// its weight. The topic with the highest sum wins when it reaches the minimum score.
/// </remarks>
public sealed partial class TopicMatcher
{
    private const int NotId = 0;
    private const int UnknownId = -1;
    private const int MaxTokens = 128;
    private const float KeywordWeight = 3f;
    private const float PhraseWeight = 1.5f;
    private const float ExtraWordWeight = 1f;

    private const float ExampleWordWeight = 1.5f;

    private readonly KnowledgeBase _knowledgeBase;
    private readonly MatchLanguage _language;
    private readonly double _minimumScore;
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _words = [];
    private readonly uint[] _masks;
    private readonly int[][] _wordsByLength;
    private readonly Term[] _terms;
    private readonly int[][] _termsByFirstWord;

    public TopicMatcher(KnowledgeBase knowledgeBase, double minimumScore = 2.0, MatchLanguage? language = null)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumScore);
        _knowledgeBase = knowledgeBase;
        _language = language ?? MatchLanguage.English;
        _minimumScore = minimumScore;
        _lookup = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        _words.Add("\0not");

        // Pass 1 collects the vocabulary; pass 2 reads each term exactly as a message would be read
        // (including "wi fi" -> "wifi" joins), so the two always agree.
        foreach (var (_, text, _) in AllTerms(knowledgeBase))
        {
            AddWords(text);
        }

        foreach (var example in knowledgeBase.Topics.SelectMany(t => t.Examples))
        {
            AddWords(example);
        }

        _masks = [.. _words.Select(w => MatchText.LetterMask(w))];
        _wordsByLength = BuildLengthBuckets(_words);

        var terms = new List<Term>();
        var bad = new List<string>();
        Span<int> ids = stackalloc int[MaxTokens];
        Span<float> factors = stackalloc float[MaxTokens];
        foreach (var (topic, text, weight) in AllTerms(knowledgeBase))
        {
            var count = Tokenize(text, ids, factors, fuzzy: false);
            var words = ids[..count].ToArray();
            if (Array.TrueForAll(words, id => id <= NotId))
            {
                bad.Add($"topic '{knowledgeBase.Topics[topic].Id}' term '{text}'");
                continue;
            }

            // "share screen" and "share my screen" read alike: one term, counted once.
            var term = new Term(topic, words, weight + (ExtraWordWeight * (words.Length - 1)));
            var same = terms.FindIndex(t => t.Topic == topic && t.Words.AsSpan().SequenceEqual(words));
            if (same < 0)
            {
                terms.Add(term);
            }
            else if (terms[same].Weight < term.Weight)
            {
                terms[same] = term;
            }
        }

        if (bad.Count > 0)
        {
            throw new KnowledgeBaseException($"Knowledge base '{knowledgeBase.Source}': {string.Join(", ", bad)} {(bad.Count == 1 ? "has" : "have")} no distinctive word.");
        }

        AddExampleWords(knowledgeBase, terms);
        _terms = [.. terms];
        var byFirst = new List<int>[_words.Count];
        for (var t = 0; t < _terms.Length; t++)
        {
            (byFirst[_terms[t].Words[0]] ??= []).Add(t);
        }

        _termsByFirstWord = [.. byFirst.Select(list => list?.ToArray() ?? [])];
    }

    public KnowledgeBase KnowledgeBase => _knowledgeBase;

    public MatchLanguage Language => _language;

    /// <summary>The best topic for the message, or null when no topic reaches the minimum score.</summary>
    public TopicMatch? Match(string? utterance)
    {
        if (string.IsNullOrWhiteSpace(utterance))
        {
            return null;
        }

        Span<int> ids = stackalloc int[MaxTokens];
        Span<float> factors = stackalloc float[MaxTokens];
        var count = Tokenize(utterance, ids, factors, fuzzy: true);
        if (count == 0)
        {
            return null;
        }

        float[]? rented = null;
        var termFactors = _terms.Length <= 1024
            ? stackalloc float[_terms.Length]
            : (rented = ArrayPool<float>.Shared.Rent(_terms.Length)).AsSpan(0, _terms.Length);
        termFactors.Clear();
        try
        {
            MarkTerms(ids[..count], factors[..count], termFactors, skipNegations: false);

            // German and French put the negation inside the phrase ("Bildschirm nicht teilen"): terms
            // without a negation are also looked for in the message read without its negations.
            Span<int> plainIds = stackalloc int[count];
            Span<float> plainFactors = stackalloc float[count];
            var plain = 0;
            for (var i = 0; i < count; i++)
            {
                if (ids[i] != NotId)
                {
                    plainIds[plain] = ids[i];
                    plainFactors[plain++] = factors[i];
                }
            }

            if (plain < count)
            {
                MarkTerms(plainIds[..plain], plainFactors[..plain], termFactors, skipNegations: true);
            }

            return Pick(termFactors);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private void MarkTerms(ReadOnlySpan<int> ids, ReadOnlySpan<float> factors, Span<float> termFactors, bool skipNegations)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0)
            {
                continue;
            }

            foreach (var t in _termsByFirstWord[ids[i]])
            {
                var words = _terms[t].Words;
                if ((skipNegations && (words.Length == 1 || words.AsSpan().Contains(NotId))) || i + words.Length > ids.Length || !ids.Slice(i, words.Length).SequenceEqual(words))
                {
                    continue;
                }

                var factor = 1f;
                for (var k = 0; k < words.Length; k++)
                {
                    factor = Math.Min(factor, factors[i + k]);
                }

                termFactors[t] = Math.Max(termFactors[t], factor);
            }
        }
    }

    private TopicMatch? Pick(ReadOnlySpan<float> termFactors)
    {
        Span<float> scores = stackalloc float[_knowledgeBase.Topics.Count];
        scores.Clear();
        for (var t = 0; t < termFactors.Length; t++)
        {
            if (termFactors[t] > 0)
            {
                scores[_terms[t].Topic] += _terms[t].Weight * termFactors[t];
            }
        }

        int best = -1, second = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (best < 0 || scores[i] > scores[best])
            {
                second = best;
                best = i;
            }
            else if (second < 0 || scores[i] > scores[second])
            {
                second = i;
            }
        }

        if (best < 0 || scores[best] < _minimumScore)
        {
            return null;
        }

        double top = scores[best];
        double next = second >= 0 ? scores[second] : 0;
        var confidence = (1 - Math.Exp(-top / 3)) * (0.6 + (0.4 * (top - next) / top));
        var runnerUp = second >= 0 && next >= _minimumScore ? _knowledgeBase.Topics[second] : null;
        return new TopicMatch(_knowledgeBase.Topics[best], Math.Round(top, 2), Math.Round(confidence, 2), runnerUp) { RunnerUpScore = runnerUp is null ? 0 : Math.Round(next, 2) };
    }

    /// <summary>
    /// Admins' example sentences: each of their words counts for the topic as a supporting word, weighted
    /// down by how many topics' examples share it (a word in three topics' examples tells nothing).
    /// </summary>
    private void AddExampleWords(KnowledgeBase knowledgeBase, List<Term> terms)
    {
        var topicsByWord = new Dictionary<int, HashSet<int>>();
        Span<int> ids = stackalloc int[MaxTokens];
        Span<float> factors = stackalloc float[MaxTokens];
        for (var topic = 0; topic < knowledgeBase.Topics.Count; topic++)
        {
            foreach (var example in knowledgeBase.Topics[topic].Examples)
            {
                var count = Tokenize(example, ids, factors, fuzzy: false);
                foreach (var id in ids[..count])
                {
                    if (id > NotId)
                    {
                        (topicsByWord.TryGetValue(id, out var set) ? set : topicsByWord[id] = []).Add(topic);
                    }
                }
            }
        }

        foreach (var (id, topics) in topicsByWord)
        {
            if (topics.Count > 2)
            {
                continue;
            }

            foreach (var topic in topics)
            {
                var weight = ExampleWordWeight / topics.Count;
                // A word the topic's own terms already use would count twice.
                if (!terms.Exists(t => t.Topic == topic && Array.IndexOf(t.Words, id) >= 0))
                {
                    terms.Add(new Term(topic, [id], weight));
                }
            }
        }
    }

    private static int[][] BuildLengthBuckets(List<string> words)
    {
        var buckets = new List<int>[MatchText.MaxWordLength + 1];
        for (var id = NotId + 1; id < words.Count; id++)
        {
            (buckets[words[id].Length] ??= []).Add(id);
        }

        return [.. buckets.Select(b => b?.ToArray() ?? [])];
    }

    private static IEnumerable<(int Topic, string Text, float Weight)> AllTerms(KnowledgeBase knowledgeBase)
    {
        for (var i = 0; i < knowledgeBase.Topics.Count; i++)
        {
            var topic = knowledgeBase.Topics[i];
            foreach (var keyword in topic.Keywords)
            {
                yield return (i, keyword, KeywordWeight);
            }

            foreach (var phrase in topic.Phrases)
            {
                yield return (i, phrase, PhraseWeight);
            }
        }
    }

    private sealed record Term(int Topic, int[] Words, float Weight);
}
