using System.Globalization;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// Finds which choice an utterance means, most certain first: the whole utterance equals a
/// value, or a synonym, or is the choice's number ("2", "#2", "two", "second"); else exactly one
/// choice's value or synonym occurs in it as whole words ("outlook please" picks "Outlook").
/// Case and surrounding punctuation are ignored.
/// </summary>
public static class ChoiceRecognizer
{
    private static readonly string[] NumberWords =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    private static readonly string[] OrdinalWords =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    private static readonly HashSet<string> NumberFillers = new(["number", "option", "choice", "the"], StringComparer.Ordinal);

    public static FoundChoice? Recognize(string? utterance, IList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var text = TextNormalizer.Normalize(utterance);
        if (text.Length == 0 || choices.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (TextNormalizer.Normalize(choices[i].Value) == text)
            {
                return new FoundChoice(choices[i].Value, i);
            }
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i].Synonyms?.FirstOrDefault(s => TextNormalizer.Normalize(s) == text) is { } synonym)
            {
                return new FoundChoice(choices[i].Value, i, 1.0, synonym);
            }
        }

        if (ParseNumber(text) is { } number && number >= 1 && number <= choices.Count)
        {
            return new FoundChoice(choices[number - 1].Value, number - 1);
        }

        return FindContained(text, choices);
    }

    /// <summary>A bare number, optionally with filler: "2", "#2", "number 2", "option two", "the second one".</summary>
    private static int? ParseNumber(string text)
    {
        var words = text.Split(' ').Where(w => !NumberFillers.Contains(w)).ToList();
        if (words.Count == 2 && words[1] == "one" && Array.IndexOf(OrdinalWords, words[0]) >= 0)
        {
            words.RemoveAt(1);
        }

        if (words.Count != 1)
        {
            return null;
        }

        var word = words[0].TrimStart('#');
        if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var index = Array.IndexOf(NumberWords, word);
        index = index >= 0 ? index : Array.IndexOf(OrdinalWords, word);
        return index >= 0 ? index + 1 : null;
    }

    /// <summary>
    /// The one choice named inside the utterance. Two different choices named is ambiguous, unless
    /// the shorter name is part of the longer ("Teams" in "Teams meeting").
    /// </summary>
    private static FoundChoice? FindContained(string text, IList<Choice> choices)
    {
        var padded = $" {text} ";
        var matches = new List<(int Index, string Phrase, string Normalized)>();
        for (var i = 0; i < choices.Count; i++)
        {
            var longest = new[] { choices[i].Value }.Concat(choices[i].Synonyms ?? [])
                .Select(p => (Phrase: p, Normalized: TextNormalizer.Normalize(p)))
                .Where(p => p.Normalized.Length > 0 && padded.Contains($" {p.Normalized} ", StringComparison.Ordinal))
                .OrderByDescending(p => p.Normalized.Length)
                .FirstOrDefault();
            if (longest.Phrase is not null)
            {
                matches.Add((i, longest.Phrase, longest.Normalized));
            }
        }

        if (matches.Count == 0)
        {
            return null;
        }

        var best = matches.MaxBy(m => m.Normalized.Length);
        if (matches.Any(m => m.Index != best.Index && !$" {best.Normalized} ".Contains($" {m.Normalized} ", StringComparison.Ordinal)))
        {
            return null;
        }

        var choice = choices[best.Index];
        return new FoundChoice(choice.Value, best.Index, (double)best.Normalized.Length / text.Length, best.Phrase == choice.Value ? null : best.Phrase);
    }
}
