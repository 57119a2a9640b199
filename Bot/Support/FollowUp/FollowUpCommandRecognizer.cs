using System.Text.RegularExpressions;
using Lucene.Net.Analysis.Miscellaneous;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// Recognizes the ticket follow-up commands ("my tickets", "status of ITSUPPORT-123", "any news on
/// 123?", "add a comment to ITSUPPORT-123: ...", "it's fixed, close it", "it came back") in English and,
/// from <see cref="FollowUpPhrasings"/>, German, French and Spanish, whatever the conversation's language
/// (people mix them). Self-contained so it can sit in front of topic matching now and be folded into the
/// intent layer later. Recognition only: it never decides whose ticket a key is.
/// </summary>
public static partial class FollowUpCommandRecognizer
{
    /// <summary>Anything shaped like an issue key, any project (checked against the configured one later).</summary>
    [GeneratedRegex(@"(?<![\w-])(?<key>[A-Za-z][A-Za-z0-9_]{0,19}-\d{1,12})(?![\w-])")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"(?:#|\b(?:ticket|issue|number|no\.?|on|about|with|for|of)\s+#?)(?<n>\d{1,12})\b|^#?(?<n>\d{1,12})$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b(?:my|our)\s+(?:open\s+|own\s+|it\s+)?(?:tickets|issues|requests|incidents)\b|\b(?:tickets|issues|requests)\s+(?:do\s+i\s+have|i\s+(?:have|opened|filed|raised|created|reported))\b|^(?:show|list|see|view|display|get)\s+(?:me\s+)?(?:all\s+)?(?:my\s+)?(?:open\s+)?tickets\b|\bmeine\s+tickets\b|\bmes\s+tickets\b|\bmis\s+tickets\b|\bmijn\s+tickets\b", RegexOptions.IgnoreCase)]
    private static partial Regex MyTicketsPattern();

    [GeneratedRegex(@"\b(?:status|news|updates?|happening|going\s+on|progress|where\s+(?:is|are)|what\s+about|how\s+is|details?|any\s+word|stand|look\s+up|check)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusWords();

    [GeneratedRegex(@"\bmy\s+(?<topic>[\p{L}\p{N}][\p{L}\p{N}\s'’-]{0,60}?)\s+(?:ticket|issue|request|incident)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TopicPattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:add|post|put|leave|write|attach)\s+(?:a\s+|this\s+|my\s+)?(?:comment|note|reply|message)s?(?:\s+(?:to|on|for|in)\s+(?<target>[^\s:,]+(?:\s+[^\s:,]+){0,5}?))?\s*(?::|-|,|\bsaying\b|\bthat\b|$)\s*(?<text>[\s\S]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"^(?:please\s+)?(?:comment|reply)\s+(?:on|to)\s+(?<target>[^\s:,]+(?:\s+[^\s:,]+){0,5}?)\s*[?!.]*$|^(?:please\s+)?(?:comment|reply)\s+(?:on|to)\s+(?<target>[^\s:,]+(?:\s+[^\s:,]+){0,5}?)\s*(?::|-|,|\bsaying\b|\bthat\b)\s*(?<text>[\s\S]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex CommentOnPattern();

    [GeneratedRegex(@"\b(?:close|resolve|closing|resolving)\b(?!\s+(?:the\s+)?(?:app|window|teams|outlook|tab|program|browser))|\bmark\s+(?:it|(?:the|my)\s+ticket|\S+-\d+)\s+(?:as\s+)?(?:done|resolved|fixed|closed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ResolvePattern();

    [GeneratedRegex(@"\b(?:don'?t|do\s+not|never|not\s+yet|can'?t|cannot|won'?t|wouldn'?t|doesn'?t|does\s+not|keeps?|how\s+(?:do|can|to))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\bre-?open\b|\b(?:it|this|the\s+(?:problem|issue|error))\s*(?:'s|\s+is|\s+has|\s+)?\s*(?:came|come|coming)\s+back\b|\b(?:broken|happening|failing|back)\s+again\b|\bstarted\s+again\b|\bnot\s+fixed\s+after\s+all\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReopenPattern();

    [GeneratedRegex(@"\b(?:ticket|tickets|issue|it)\b|\p{Lu}[\p{Lu}\d_]+-\d+", RegexOptions.IgnoreCase)]
    private static partial Regex TicketObject();

    [GeneratedRegex(@"^(?:please\s+|bitte\s+|por\s+favor,?\s+)?(?:(?:show|see|load|view)\s+(?:me\s+)?more(?:\s+tickets)?|more(?:\s+tickets)?|next(?:\s+page|\s+ones|\s+tickets)?|(?:mehr|weitere)(?:\s+tickets)?(?:\s+(?:anzeigen|zeigen))?|zeig(?:e|en\s+sie)?\s+(?:mir\s+)?mehr|weiter|n[äa]chste(?:\s+seite)?|(?:voir|afficher|montre[rz]?(?:-moi)?)\s+plus|plus(?:\s+de\s+tickets)?|encore|la\s+suite|suite|suivants?|page\s+suivante|(?:ver|mostrar|mu[ée]strame)\s+m[áa]s|m[áa]s(?:\s+tickets)?|siguientes?(?:\s+p[áa]gina)?)(?:,?\s+(?:please|bitte|por\s+favor|s'il\s+(?:te|vous)\s+pla[iî]t))?[\s.!?…]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShowMorePattern();

    /// <summary>
    /// "more", "show more", "next", "mehr", "weiter", "voir plus", "suivant", "más", "siguiente"...: the whole
    /// message asks for more and nothing else. Only meaningful right after the list; the caller checks that.
    /// </summary>
    public static bool IsShowMore(string? text) => text is { Length: <= 60 } && ShowMorePattern().IsMatch(text.Trim());

    private static readonly FollowUpPhrasing English = new(
        "en", MyTicketsPattern(), StatusWords(), NumberPattern(), [TopicPattern()],
        new HashSet<string>(["open", "own", "latest", "last", "new", "current", "it"], StringComparer.OrdinalIgnoreCase),
        [CommentPattern(), CommentOnPattern()], ReopenPattern(), ResolvePattern(), null, Negation(), TicketObject());

    /// <summary>Every language's wording, English first (its bare "#12" and "12" numbers win).</summary>
    public static IReadOnlyList<FollowUpPhrasing> Phrasings { get; } = [English, FollowUpPhrasings.German, FollowUpPhrasings.French, FollowUpPhrasings.Spanish];

    public static FollowUpCommand? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var input = text.Trim();
        if (input.Length > 100_000) input = input[..100_000];

        // Accents folded one character for one, so a match's position is the same in the typed text.
        var folded = Fold(input);
        var firstLine = folded.Split('\n', 2)[0];

        foreach (var phrasing in Phrasings)
        {
            foreach (var pattern in phrasing.Comments)
            {
                var comment = pattern.Match(folded);
                var target = comment.Groups["target"];
                if (!comment.Success || (target.Success && !NamesTicket(phrasing, target.Value))) continue;
                var about = target.Success ? input.Substring(target.Index, target.Length) : string.Empty;
                var words = input.Substring(comment.Groups["text"].Index, comment.Groups["text"].Length).Trim();
                return new FollowUpCommand(FollowUpIntent.AddComment, Key(about), Number(about), Topic(about), words.Length == 0 ? null : words);
            }
        }

        var key = Key(firstLine);
        var number = key is null ? Number(firstLine) : null;
        var topic = Topic(input.Split('\n', 2)[0]);
        if (Phrasings.Any(p => p.Reopen.IsMatch(firstLine) && !p.Negation.IsMatch(firstLine)))
        {
            return new FollowUpCommand(FollowUpIntent.Reopen, key, number, topic, input);
        }

        if (Phrasings.Any(p => !p.Negation.IsMatch(firstLine) && (p.ResolveItself?.IsMatch(firstLine) == true
            || (p.Resolve.IsMatch(firstLine) && (p.TicketObject.IsMatch(firstLine) || key is not null)))))
        {
            return new FollowUpCommand(FollowUpIntent.Resolve, key, number, topic, input);
        }

        var asksStatus = Phrasings.Any(p => p.StatusWords.IsMatch(firstLine));
        var asksMine = Phrasings.Any(p => p.MyTickets.IsMatch(firstLine));
        if (asksMine && key is null && number is null && !Phrasings.Any(p => p.StatusWords.IsMatch(firstLine.Replace("open", string.Empty, StringComparison.OrdinalIgnoreCase))))
        {
            return new FollowUpCommand(FollowUpIntent.MyTickets);
        }

        if ((key is not null || number is not null) && (asksStatus || firstLine.Trim().TrimEnd('?', '!', '.').Trim().Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            return new FollowUpCommand(FollowUpIntent.TicketStatus, key, number);
        }

        if (topic is not null && asksStatus)
        {
            return new FollowUpCommand(FollowUpIntent.TicketStatus, Topic: topic);
        }

        return asksMine ? new FollowUpCommand(FollowUpIntent.MyTickets) : null;
    }

    /// <summary>A comment's target must be a ticket ("ITSUPPORT-12", "12", "my vpn ticket", "das Ticket"), not "Teams channel".</summary>
    private static bool NamesTicket(FollowUpPhrasing phrasing, string target) =>
        phrasing.TicketObject.IsMatch(target) || KeyPattern().IsMatch(target) || Number(target) is not null;

    private static string? Key(string text) => KeyPattern().Match(text) is { Success: true } m ? m.Groups["key"].Value.ToUpperInvariant() : null;

    private static string? Number(string text)
    {
        var trimmed = Fold(text.Trim());
        foreach (var phrasing in Phrasings)
        {
            if (phrasing.Number.Match(trimmed) is { Success: true } m)
            {
                return m.Groups["n"].Value.TrimStart('0') is { Length: > 0 } n ? n : "0";
            }
        }

        return null;
    }

    /// <summary>The subject words as typed ("VPN" of "meinem VPN-Ticket"), from the first language whose pattern names one.</summary>
    private static string? Topic(string text)
    {
        var folded = Fold(text);
        foreach (var phrasing in Phrasings)
        {
            foreach (var pattern in phrasing.Topics)
            {
                if (pattern.Match(folded) is not { Success: true } m) continue;
                var group = m.Groups["topic"];
                var topic = text.Substring(group.Index, group.Length).Trim().Trim('-').Trim();
                if (topic.Length > 0 && !phrasing.NotTopics.Contains(Fold(topic))) return topic;
            }
        }

        return null;
    }

    /// <summary>"schließen, résolu, añade" -> "schließen, resolu, anade": accents dropped where one letter stays one letter (ß and œ stay).</summary>
    private static string Fold(string text)
    {
        char[]? chars = null;
        var one = new char[1];
        var output = new char[4];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] < '\u0080') continue;
            one[0] = text[i];
            if (ASCIIFoldingFilter.FoldToASCII(one, 0, output, 0, 1) == 1 && output[0] != text[i])
            {
                chars ??= text.ToCharArray();
                chars[i] = output[0];
            }
        }

        return chars is null ? text : new string(chars);
    }
}
