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

    private static FoundChoice? FindContained(string text, IList<Choice> choices)
    {
        var padded = $" {text} ";
        FoundChoice? best = null;
        var bestLength = 0;
        var tie = false;
        for (var i = 0; i < choices.Count; i++)
        {
            var phrases = new[] { choices[i].Value }.Concat(choices[i].Synonyms ?? []);
            foreach (var phrase in phrases)
            {
                var normalized = TextNormalizer.Normalize(phrase);
                if (normalized.Length == 0 || !padded.Contains($" {normalized} ", StringComparison.Ordinal))
                {
                    continue;
                }

                if (normalized.Length > bestLength)
                {
                    best = new FoundChoice(choices[i].Value, i, (double)normalized.Length / text.Length, phrase == choices[i].Value ? null : phrase);
                    bestLength = normalized.Length;
                    tie = false;
                }
                else if (normalized.Length == bestLength && best?.Index != i)
                {
                    tie = true;
                }
            }
        }

        return tie ? null : best;
    }
}
