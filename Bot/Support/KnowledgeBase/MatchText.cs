using System.Collections.Frozen;

namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// The text rules shared by the matcher and the loader's checks, so a knowledge base term and a user's
/// message are normalized the same way: lower-case, apostrophes and in-word hyphens dropped ("can't" ->
/// "cant", "wi-fi" -> "wifi"), a light suffix stemmer, stopwords, and negations folded to one token.
/// </summary>
internal static class MatchText
{
    /// <summary>Longer "words" (URLs, pasted logs) are never vocabulary; they are read as unknown.</summary>
    public const int MaxWordLength = 40;

    // Grammar, politeness and generic trouble words: they never identify a topic on their own.
    private static readonly string[] StopwordList =
    [
        "a", "an", "the", "and", "or", "but", "if", "so", "then", "than", "too", "very", "just", "really", "also",
        "even", "still", "again", "already", "only", "quite", "pretty", "super", "totally", "completely",
        "literally", "basically", "actually", "extremely", "seriously", "kind", "sort", "bit", "little",
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his",
        "she", "her", "it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "here",
        "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does",
        "did", "doing", "done", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
        "of", "at", "by", "for", "with", "about", "to", "from", "in", "into", "on", "onto", "off", "out", "up",
        "down", "over", "under", "through", "after", "before", "during", "since", "until", "while", "via",
        "what", "whats", "which", "who", "whom", "whose", "why", "how", "when", "where", "whenever",
        "im", "ive", "id", "ill", "youre", "thats", "theres", "heres", "hows", "lets", "ok", "okay", "yes",
        "yeah", "oh", "well", "um", "hmm", "hi", "hello", "hey", "hiya", "morning", "afternoon", "evening",
        "good", "dear", "please", "pls", "plz", "kindly", "thanks", "thank", "thx", "ty", "cheers", "appreciate",
        "regards", "help", "assist", "assistance", "support", "need", "want", "like", "someone", "somebody",
        "anyone", "anybody", "everyone", "something", "anything", "everything", "thing", "things", "stuff",
        "problem", "issue", "trouble", "error", "wrong", "broken", "broke", "work", "working", "worked", "works",
        "fine", "properly", "correctly", "right", "keep", "keeps", "kept", "get", "gets", "got", "getting",
        "gotten", "go", "goes", "going", "went", "make", "makes", "made", "try", "tries", "tried", "trying",
        "seem", "seems", "seemed", "know", "idea", "sure", "able", "now", "today", "yesterday", "tomorrow",
        "week", "day", "time", "minute", "hour", "always", "sometimes", "often", "constantly", "suddenly",
        "randomly", "anymore", "lately", "recently", "all", "any", "some", "every", "each", "much", "many",
        "more", "most", "lot", "lots", "same", "other", "another", "one", "use", "using", "urgent", "asap",
        "quick", "question", "weird", "strange", "odd", "annoying", "since", "whole", "happen", "happening",
        "sudden", "anyway", "guys",
    ];

    // Folded to one token so "won't turn on" and "will not turn on" read alike inside phrases.
    private static readonly FrozenSet<string> NegationSet = new[]
    {
        "not", "no", "cant", "cannot", "wont", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent",
        "couldnt", "wouldnt", "shouldnt", "havent", "hasnt", "aint", "unable", "never", "nope", "without",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> StopwordSet = StopwordList
        .Select(StemOf)
        .ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Negations =
        NegationSet.GetAlternateLookup<ReadOnlySpan<char>>();

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Stopwords =
        StopwordSet.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the term has at least one word that is neither a stopword nor a negation.</summary>
    public static bool HasDistinctiveWord(string term)
    {
        Span<char> word = stackalloc char[MaxWordLength];
        var reader = new WordReader(term);
        while (reader.Next(word, out var length))
        {
            if (length == 0 || Negations.Contains(word[..length]))
            {
                continue;
            }

            length = Stem(word[..length]);
            if (!Stopwords.Contains(word[..length]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A light English stemmer, enough to fold the forms people type: crashes/crashed/crashing ->
    /// crash, dropped -> drop, batteries -> battery, freeze/freezes -> freez. Works in place and returns
    /// the new length; it only needs to be consistent, not to produce real words.
    /// </summary>
    public static int Stem(Span<char> word)
    {
        var length = word.Length;
        if (length <= 3)
        {
            return length;
        }

        if (EndsWith(word, length, "ies") && length > 4)
        {
            word[length - 3] = 'y';
            length -= 2;
        }
        else if (word[length - 1] == 's' && !EndsWith(word, length, "ss") && !EndsWith(word, length, "us") && !EndsWith(word, length, "is"))
        {
            length--;
        }

        if (EndsWith(word, length, "ing") && length - 3 >= 3)
        {
            length = Undouble(word, length - 3);
        }
        else if (EndsWith(word, length, "ed") && length - 2 >= 3)
        {
            length = Undouble(word, length - 2);
        }
        else if (EndsWith(word, length, "ly") && length - 2 >= 4)
        {
            length -= 2;
        }

        if (length > 3 && word[length - 1] == 'e')
        {
            length--;
        }

        return length;
    }

    public static string StemOf(string word)
    {
        Span<char> buffer = stackalloc char[Math.Min(word.Length, MaxWordLength)];
        word.AsSpan(0, buffer.Length).ToLowerInvariant(buffer);
        return new string(buffer[..Stem(buffer)]);
    }

    /// <summary>A 32-bit letter-set signature: one edit changes at most two bits, a cheap filter before edit distance.</summary>
    public static uint LetterMask(ReadOnlySpan<char> word)
    {
        uint mask = 0;
        foreach (var c in word)
        {
            mask |= c is >= 'a' and <= 'z' ? 1u << (c - 'a') : c is >= '0' and <= '9' ? 1u << (26 + ((c - '0') % 5)) : 1u << 31;
        }

        return mask;
    }

    private static bool EndsWith(ReadOnlySpan<char> word, int length, string suffix) =>
        word[..length].EndsWith(suffix, StringComparison.Ordinal);

    private static int Undouble(ReadOnlySpan<char> word, int length)
    {
        var last = word[length - 1];
        return length >= 3 && last == word[length - 2] && last is not ('l' or 's' or 'z' or 'e' or 'o') && char.IsLetter(last)
            ? length - 1
            : length;
    }
}
