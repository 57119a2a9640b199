namespace TeamsItBot.Support.Understanding;

/// <summary>
/// Reads a message made only of social phrases, however they are strung together: "thanks, bye",
/// "hello there, can you help me?", "cheers mate", "danke, tschüss". Every word must belong to an exact
/// phrase of a social intent or be one of the language's filler words ("ok", "mate", "so"); one word of
/// anything else ("hello, outlook is broken") and the message is not social at all, so a problem is never
/// swallowed by a greeting in front of it.
/// </summary>
internal sealed class SocialReading
{
    /// <summary>The intents whose phrases combine; the others (a ticket request, a yes) must stand alone.</summary>
    public static readonly IReadOnlyList<string> Composable = [IntentIds.Greeting, IntentIds.Help, IntentIds.Thanks, IntentIds.Goodbye];

    /// <summary>Longer messages are descriptions, not small talk; it also bounds the work per turn.</summary>
    private const int MaxWords = 14;

    private readonly (string Id, string[] Words)[] _phrases;
    private readonly HashSet<string> _filler;

    public SocialReading(IReadOnlyDictionary<string, IntentCatalog.IntentPhrases> intents, IEnumerable<string> filler)
    {
        ArgumentNullException.ThrowIfNull(intents);
        _phrases = [.. Composable
            .Where(intents.ContainsKey)
            .SelectMany(id => intents[id].Exact.Select(phrase => (id, phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))))
            .Where(p => p.Item2.Length > 0)];
        _filler = new HashSet<string>(filler, StringComparer.Ordinal);
    }

    /// <summary>The intents of the fewest pieces that cover the whole normalized message, or none when it does not split so.</summary>
    public IReadOnlyCollection<string> Read(string normalized)
    {
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > MaxWords)
        {
            return [];
        }

        // best[i]: the fewest pieces covering words[..i], and how (the previous cut and the intent of the piece).
        var best = new (int Pieces, int From, string? Id)[words.Length + 1];
        Array.Fill(best, (int.MaxValue, -1, null));
        best[0] = (0, -1, null);
        for (var end = 1; end <= words.Length; end++)
        {
            if (best[end - 1].Pieces != int.MaxValue && _filler.Contains(words[end - 1]))
            {
                best[end] = (best[end - 1].Pieces + 1, end - 1, null);
            }

            foreach (var (id, phrase) in _phrases)
            {
                var start = end - phrase.Length;
                if (start < 0 || best[start].Pieces == int.MaxValue || best[start].Pieces + 1 >= best[end].Pieces || !Matches(words, start, phrase))
                {
                    continue;
                }

                best[end] = (best[start].Pieces + 1, start, id);
            }
        }

        if (best[words.Length].Pieces == int.MaxValue)
        {
            return [];
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var at = words.Length; at > 0; at = best[at].From)
        {
            if (best[at].Id is { } id)
            {
                found.Add(id);
            }
        }

        return found;
    }

    private static bool Matches(string[] words, int start, string[] phrase)
    {
        for (var i = 0; i < phrase.Length; i++)
        {
            if (!string.Equals(words[start + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
