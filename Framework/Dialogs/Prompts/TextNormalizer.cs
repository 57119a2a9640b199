using System.Text;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>Lower-cases and reduces punctuation to single spaces so "Yes!", " yes." and "YES" compare equal.</summary>
internal static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Trim())
        {
            // Apostrophes stay inside words ("don't"); other punctuation separates words.
            if (char.IsLetterOrDigit(c) || c is '\'' or '\u2019' or '#')
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c == '\u2019' ? '\'' : c));
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }
}
