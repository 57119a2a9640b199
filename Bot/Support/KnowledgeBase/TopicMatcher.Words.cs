using System.Numerics;

namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>Reading text into vocabulary word ids, with typo tolerance.</summary>
public sealed partial class TopicMatcher
{
    /// <summary>Reads the text into word ids (NotId for negations, UnknownId for other words; stopwords are skipped).</summary>
    private int Tokenize(ReadOnlySpan<char> text, Span<int> ids, Span<float> factors, bool fuzzy)
    {
        Span<char> word = stackalloc char[MatchText.MaxWordLength];
        Span<char> previous = stackalloc char[MatchText.MaxWordLength];
        Span<char> joined = stackalloc char[MatchText.MaxWordLength];
        var previousLength = 0;
        var previousEmitted = false;
        var count = 0;
        var reader = new WordReader(text, _language.SplitsWords);
        while (count < ids.Length && reader.Next(word, out var length))
        {
            if (length == 0)
            {
                ids[count] = UnknownId;
                factors[count++] = 0;
                previousLength = 0;
                continue;
            }

            // "wi fi", "out look", "pass word", "share point": two typed words that form one vocabulary word.
            if (previousLength > 0 && previousLength + length <= joined.Length)
            {
                previous[..previousLength].CopyTo(joined);
                word[..length].CopyTo(joined[previousLength..]);
                var joinedLength = _language.Stem(joined[..(previousLength + length)]);
                if (_lookup.TryGetValue(joined[..joinedLength], out var joinedId))
                {
                    count -= previousEmitted ? 1 : 0;
                    ids[count] = joinedId;
                    factors[count++] = 1;
                    previousLength = 0;
                    continue;
                }
            }

            word[..length].CopyTo(previous);
            previousLength = length;
            if (_language.IsNegation(word[..length]))
            {
                ids[count] = NotId;
                factors[count++] = 1;
                previousLength = 0;
                continue;
            }

            length = _language.Stem(word[..length]);
            var stem = word[..length];
            if (_lookup.TryGetValue(stem, out var id))
            {
                ids[count] = id;
                factors[count++] = 1;
                previousEmitted = true;
            }
            else if (_language.IsStopword(stem))
            {
                previousEmitted = false;
            }
            else
            {
                var distance = 0;
                id = fuzzy ? FindClosest(stem, out distance) : UnknownId;
                var factor = id < 0 ? 0 : distance == 1 ? 0.8f : 0.6f;
                if (id < 0 && fuzzy && _language.Compounds && FindPart(stem) is var part && part > 0)
                {
                    id = part;
                    factor = 0.8f;
                }

                ids[count] = id;
                factors[count++] = factor;
                previousEmitted = true;
            }
        }

        return count;
    }

    /// <summary>The vocabulary word closest to a misspelled one within the distance budget, or UnknownId.</summary>
    private int FindClosest(ReadOnlySpan<char> stem, out int distance)
    {
        distance = 0;
        if (stem.Length < 3 || stem.Length > MatchText.MaxWordLength)
        {
            return UnknownId;
        }

        var budget = stem.Length >= 8 ? 2 : 1;
        var mask = MatchText.LetterMask(stem);
        var best = UnknownId;
        var bestDistance = budget + 1;
        var lowest = Math.Max(stem.Length - budget, 3);
        var highest = Math.Min(stem.Length + budget, _wordsByLength.Length - 1);
        for (var length = lowest; length <= highest && bestDistance > 1; length++)
        {
            foreach (var id in _wordsByLength[length])
            {
                var candidate = _words[id];
                if (BitOperations.PopCount(mask ^ _masks[id]) > 2 * budget
                    || (stem.Length <= 5 && candidate[0] != stem[0])
                    || ((stem.Length <= 4 || length <= 4) && (mask != _masks[id] || length != stem.Length)))
                {
                    // Short words are too often other real words ("show" is not "slow"): up to four
                    // letters only a transposition is forgiven, up to five only with the first letter right.
                    continue;
                }

                var d = EditDistance.Bounded(stem, candidate, bestDistance - 1);
                if (d < bestDistance)
                {
                    best = id;
                    bestDistance = d;
                    if (d == 1)
                    {
                        break;
                    }
                }
            }
        }

        distance = bestDistance;
        return best;
    }

    /// <summary>
    /// The longest known word that starts or ends a compound ("zertifikatsfehler" -> "zertifikat",
    /// "druckerwarteschlange" -> "drucker"), at least five letters so short words do not hit by chance.
    /// </summary>
    private int FindPart(ReadOnlySpan<char> word)
    {
        for (var length = word.Length - 3; length >= 5; length--)
        {
            if (_lookup.TryGetValue(word[..length], out var head) && head > NotId)
            {
                return head;
            }

            if (_lookup.TryGetValue(word[^length..], out var tail) && tail > NotId)
            {
                return tail;
            }
        }

        return UnknownId;
    }

    private void AddWords(string text)
    {
        Span<char> word = stackalloc char[MatchText.MaxWordLength];
        var reader = new WordReader(text, _language.SplitsWords);
        while (reader.Next(word, out var length))
        {
            if (length == 0 || _language.IsNegation(word[..length]))
            {
                continue;
            }

            length = _language.Stem(word[..length]);
            var stem = word[..length];
            if (!_language.IsStopword(stem) && !_lookup.ContainsKey(stem))
            {
                _vocabulary[stem.ToString()] = _words.Count;
                _words.Add(stem.ToString());
            }
        }
    }
}
