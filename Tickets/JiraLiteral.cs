using System.Text;
using System.Text.RegularExpressions;

namespace TeamsItBot.Tickets;

/// <summary>
/// Makes text read literally once mcp-atlassian 0.23.1 has converted the Markdown description, for either
/// flavour. Neither of its converters knows a backslash escape, so markup is defused instead:
/// a WORD JOINER (U+2060, invisible, zero width) between the characters that would start markup
/// (<c>~~</c>, <c>](</c>, <c>[~</c>, <c>{</c>, issue keys, URLs...), and a look-alike only where two
/// characters would pair into emphasis or code whatever sits between them (no invisible character
/// can stop the converter's <c>*…*</c> or <c>`…`</c>). The backtick's stand-in, U+1FEF, is canonically
/// equivalent to U+0060, so NFC gives the typed text back. See README "How tickets read in Jira".
/// </summary>
public static partial class JiraLiteral
{
    public const char WordJoiner = '\u2060';

    /// <summary>GREEK VARIA: its canonical decomposition is U+0060, so it is the grave accent under NFC.</summary>
    public const char Backtick = '\u1FEF';

    public const char Asterisk = '\u2217';
    public const char LowLine = '\u02CD';
    public const char Hyphen = '\u2010';
    public const char Plus = '\uFF0B';
    public const char Caret = '\u02C6';
    public const char Tilde = '\u223C';
    public const char Bang = '\u01C3';
    public const char LeftBracket = '\uFF3B';
    public const char LessThan = '\u02C2';

    /// <summary>
    /// The ADF converter splits paragraphs on LF only, so a line break the user typed travels as CR inside
    /// the one text node: Jira's renderer (white-space: pre-wrap) breaks the line there.
    /// </summary>
    public const char CloudLineBreak = '\r';

    private static readonly string[] LineBreaks = ["\r\n", "\r", "\n", "\u2028", "\u2029", "\u0085"];

    /// <summary>One line of text (line breaks must already be gone), safe inside a paragraph or list item.</summary>
    public static string Inline(string text, JiraFlavor flavor)
    {
        ArgumentNullException.ThrowIfNull(text);
        return flavor == JiraFlavor.Cloud ? Cloud(text) : Server(text);
    }

    /// <summary>
    /// Several lines the user typed, to follow a label on the label's line and stay in that paragraph:
    /// Cloud joins them with <see cref="CloudLineBreak"/>, Server/DC with LF plus a leading word joiner so
    /// no line can start a heading, list, quote, table or rule.
    /// </summary>
    public static string Block(string text, JiraFlavor flavor)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split(LineBreaks, StringSplitOptions.None).Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (flavor == JiraFlavor.Cloud)
        {
            // One converter line: pairs across the user's lines would pair in the converter too.
            return Cloud(string.Join(CloudLineBreak, lines));
        }

        return string.Join("\n", lines.Select((l, i) => i == 0 ? Server(l) : WordJoiner + Server(l)));
    }

    private static string Cloud(string text)
    {
        var value = text.Replace('`', Backtick);
        value = Join(value, "~~").Replace("](", "]" + WordJoiner + "(", StringComparison.Ordinal)
            .Replace("[~", "[" + WordJoiner + "~", StringComparison.Ordinal);
        value = IssueKeyStart().Replace(value, m => m.Value + WordJoiner);
        return ReplacePairs(value, CloudInline());
    }

    private static string Server(string text)
    {
        var value = text.Replace('`', Backtick).Replace('<', LessThan);
        value = Join(value, "~~").Replace("](", "]" + WordJoiner + "(", StringComparison.Ordinal);
        value = Join(value, "--");
        value = Join(value, "??");
        value = Join(value, @"\\");
        value = value.Replace("{", "{" + WordJoiner, StringComparison.Ordinal)
            .Replace("(", "(" + WordJoiner, StringComparison.Ordinal)
            .Replace("://", ":" + WordJoiner + "//", StringComparison.Ordinal);
        value = Emoticon().Replace(value, m => m.Value[0] + WordJoiner.ToString() + m.Value[1..]);
        value = IssueKeyStart().Replace(value, m => m.Value + WordJoiner);

        // The converter escapes word_internal underscores with a backslash; a joiner in front keeps them as typed.
        value = IntrawordUnderscore().Replace(value, m => WordJoiner + m.Value);
        value = ReplacePairs(value, ServerEmphasis());
        foreach (var (marker, lookAlike) in PhraseMarkers)
        {
            value = ReplacePhrasePairs(value, marker, lookAlike, wordBoundaries: marker != '!');
        }

        var bracket = value.LastIndexOf(']');
        return bracket < 0 ? value : string.Concat(value[..bracket].Replace('[', LeftBracket), value[bracket..]);
    }

    private static readonly (char Marker, char LookAlike)[] PhraseMarkers =
        [('*', Asterisk), ('_', LowLine), ('-', Hyphen), ('+', Plus), ('^', Caret), ('~', Tilde), ('!', Bang)];

    /// <summary>Puts a word joiner inside every occurrence of a two-character sequence (runs included).</summary>
    private static string Join(string value, string pair)
    {
        var result = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            result.Append(value[i]);
            if (value[i] == pair[0] && i + 1 < value.Length && value[i + 1] == pair[1])
            {
                result.Append(WordJoiner);
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// While <paramref name="pattern"/> still finds emphasis, swaps the delimiters of the first match
    /// (every leading and trailing <c>*</c>/<c>_</c> of the match) for their look-alikes.
    /// </summary>
    private static string ReplacePairs(string value, Regex pattern)
    {
        for (var guard = 0; guard < value.Length; guard++)
        {
            var match = pattern.Match(value);
            while (match.Success && !match.Groups["emphasis"].Success)
            {
                match = match.NextMatch();
            }

            if (!match.Success)
            {
                return value;
            }

            var chars = value.ToCharArray();
            var inner = match.Groups["emphasis"];
            for (var i = match.Index; i < inner.Index; i++) chars[i] = LookAlikeOf(chars[i]);
            for (var i = inner.Index + inner.Length; i < match.Index + match.Length; i++) chars[i] = LookAlikeOf(chars[i]);
            value = new string(chars);
        }

        return value;
    }

    private static char LookAlikeOf(char c) => c switch
    {
        '*' => Asterisk,
        '_' => LowLine,
        _ => c,
    };

    /// <summary>
    /// Jira's wiki renderer pairs a phrase marker that opens (after a non-alphanumeric, before a non-space)
    /// with one that closes (after a non-space, before a non-alphanumeric). Those pairs get the look-alike.
    /// </summary>
    private static string ReplacePhrasePairs(string value, char marker, char lookAlike, bool wordBoundaries)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] != marker || !Opens(chars, i, wordBoundaries)) continue;
            for (var j = i + 2; j < chars.Length; j++)
            {
                if (chars[j] == marker && Closes(chars, j, wordBoundaries))
                {
                    chars[i] = lookAlike;
                    chars[j] = lookAlike;
                    break;
                }
            }
        }

        return new string(chars);
    }

    private static bool Opens(char[] s, int i, bool wordBoundaries) =>
        (!wordBoundaries || i == 0 || !char.IsLetterOrDigit(s[i - 1]))
        && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]) && (wordBoundaries || s[i + 1] != s[i]);

    private static bool Closes(char[] s, int j, bool wordBoundaries) =>
        !char.IsWhiteSpace(s[j - 1]) && (wordBoundaries || s[j - 1] != s[j])
        && (!wordBoundaries || j + 1 == s.Length || !char.IsLetterOrDigit(s[j + 1]));

    /// <summary>mcp-atlassian's inline pattern (models/jira/adf.py); only the emphasis alternatives are named "emphasis".</summary>
    [GeneratedRegex(@"\[~accountid:[^\]]+\]|@\[[^\]]+\]\(accountid:[^)]+\)|`[^`]+`|\*\*(?<emphasis>.+?)\*\*|~~.+?~~|\[[^\]]+\]\([^)]+\)|(?<!\*)\*(?!\*)(?<emphasis>.+?)(?<!\*)\*(?!\*)")]
    private static partial Regex CloudInline();

    /// <summary>The wiki converter's bold/italic rule (preprocessing/jira.py): any run of * or _ repeated later on the line.</summary>
    [GeneratedRegex(@"(?<run>[*_]+)(?<emphasis>.*?)\k<run>")]
    private static partial Regex ServerEmphasis();

    /// <summary>The start of an issue key up to its hyphen (both converters and Jira link keys).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_/-])[A-Z][A-Z0-9_]+-(?=[0-9])")]
    private static partial Regex IssueKeyStart();

    [GeneratedRegex(@"(?<=[^\W_])_+(?=[^\W_])")]
    private static partial Regex IntrawordUnderscore();

    /// <summary>Jira wiki emoticons that start with ':' or ';' (":)", ";)", ":P", ":D", ":(").</summary>
    [GeneratedRegex(@"[:;][()PpDd]")]
    private static partial Regex Emoticon();
}
