namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// Splits text into lower-case words without allocating. Apostrophes inside a word are dropped
/// ("can't" -> "cant", "Teams’" -> "teams") and so are hyphens between letters ("wi-fi" -> "wifi").
/// A word longer than <see cref="MatchText.MaxWordLength"/> is reported with length 0. With
/// <paramref name="splitJoiners"/> (French elision "l'écran", German "Laptop-Akku") both split words.
/// </summary>
internal ref struct WordReader(ReadOnlySpan<char> text, bool splitJoiners = false)
{
    private readonly ReadOnlySpan<char> _text = text;
    private readonly bool _splitJoiners = splitJoiners;
    private int _position;

    public bool Next(scoped Span<char> buffer, out int length)
    {
        length = 0;
        var text = _text;
        var i = _position;
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        if (i >= text.Length)
        {
            _position = i;
            return false;
        }

        var tooLong = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (length < buffer.Length)
                {
                    buffer[length++] = char.ToLowerInvariant(c);
                }
                else
                {
                    tooLong = true;
                }
            }
            else if (!_splitJoiners && (c is '\'' or '\u2019' or '\u2018' or '`' or '-') && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                // Joined, not split: "don't" is one word, and so is "e-mail".
            }
            else
            {
                break;
            }
        }

        _position = i;
        if (tooLong)
        {
            length = 0;
        }

        return true;
    }
}
