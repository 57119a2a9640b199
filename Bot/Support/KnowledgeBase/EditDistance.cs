namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>Optimal-string-alignment (restricted Damerau-Levenshtein) distance with an early-exit budget.</summary>
internal static class EditDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or <c>budget + 1</c> once it must exceed the budget.</summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int budget)
    {
        if (Math.Abs(a.Length - b.Length) > budget)
        {
            return budget + 1;
        }

        if (a.Length > MatchText.MaxWordLength * 2 || b.Length > MatchText.MaxWordLength * 2)
        {
            return budget + 1;
        }

        var width = b.Length + 1;
        Span<int> twoBack = stackalloc int[width];
        Span<int> previous = stackalloc int[width];
        Span<int> current = stackalloc int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > budget)
            {
                return budget + 1;
            }

            // Rotate the three rows without copying.
            var spare = twoBack;
            twoBack = previous;
            previous = current;
            current = spare;
        }

        return Math.Min(previous[b.Length], budget + 1);
    }
}
