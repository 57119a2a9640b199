using System.Diagnostics;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Support.Understanding;

/// <summary>
/// One topic matcher per language, built once at start-up over the knowledge base and its translations.
/// A message is read with its language's rules; when nothing fits there it is read as English too (an
/// English sentence from a German Teams client). The topic returned is always in the message's language.
/// </summary>
public sealed class TopicIndex
{
    /// <summary>Runner-up at or above this share of the best score: both guides fit, ask which one.</summary>
    public const double CloseShare = 0.95;

    private readonly Dictionary<string, TopicMatcher> _matchers = new(StringComparer.OrdinalIgnoreCase);

    public TopicIndex(KnowledgeBaseSet knowledgeBases, double minimumScore = 2.0)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBases);
        var stopwatch = Stopwatch.StartNew();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        KnowledgeBases = knowledgeBases;
        foreach (var language in MatchLanguage.All)
        {
            _matchers[language.Code] = new TopicMatcher(knowledgeBases.For(language.Code), minimumScore, language);
        }

        BuildTime = stopwatch.Elapsed;
        BuildAllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    public KnowledgeBaseSet KnowledgeBases { get; }

    /// <summary>How long building the index took (reported at start-up).</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>Bytes allocated while building (an upper bound of what the index keeps).</summary>
    public long BuildAllocatedBytes { get; }

    public TopicMatcher MatcherFor(string? language) =>
        language is not null && _matchers.TryGetValue(language, out var matcher) ? matcher : _matchers["en"];

    /// <summary>The best guide in the language, or null when none fits.</summary>
    public TopicMatch? Match(string? text, string? language)
    {
        var matcher = MatcherFor(language);
        var match = matcher.Match(text);
        if (match is null && matcher.Language != MatchLanguage.English)
        {
            match = _matchers["en"].Match(text);
            if (match is not null)
            {
                var localized = KnowledgeBases.FindTopic(match.Topic.Id, language) ?? match.Topic;
                var runnerUp = match.RunnerUp is null ? null : KnowledgeBases.FindTopic(match.RunnerUp.Id, language);
                match = match with { Topic = localized, RunnerUp = runnerUp };
            }
        }

        return match;
    }

    /// <summary>
    /// Like <see cref="Match"/>, but when nothing fits in the language, the other languages are tried too
    /// (a short Spanish sentence from an English client); returns the language the guide was found in.
    /// </summary>
    public (TopicMatch? Match, string Language) Find(string? text, string language)
    {
        if (Match(text, language) is { } match)
        {
            return (match, language);
        }

        foreach (var other in MatchLanguage.All)
        {
            if (other.Code != language && other != MatchLanguage.English && _matchers[other.Code].Match(text) is { } found)
            {
                return (found, other.Code);
            }
        }

        return (null, language);
    }

    /// <summary>True when the runner-up fits almost as well as the best guide: the user should choose.</summary>
    public static bool IsClose(TopicMatch match) =>
        match.RunnerUp is not null && match.RunnerUpScore >= CloseShare * match.Score;
}
