using System.Text.RegularExpressions;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// Recognizes the ticket follow-up commands ("my tickets", "status of ITSUPPORT-123", "any news on
/// 123?", "add a comment to ITSUPPORT-123: ...", "it's fixed, close it", "it came back"). Self-contained
/// so it can sit in front of topic matching now and be folded into the intent layer later.
/// Recognition only: it never decides whose ticket a key is.
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

    [GeneratedRegex(@"^(?:please\s+)?(?:comment|reply)\s+(?:on|to)\s+(?<target>[^\s:,]+(?:\s+[^\s:,]+){0,5}?)\s*(?::|-|,|\bsaying\b|\bthat\b)\s*(?<text>[\s\S]*)$", RegexOptions.IgnoreCase)]
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

    public static FollowUpCommand? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var input = text.Trim();
        if (input.Length > 100_000) input = input[..100_000];
        var firstLine = input.Split('\n', 2)[0];

        var comment = CommentPattern().Match(input);
        if (!comment.Success) comment = CommentOnPattern().Match(input);
        if (comment.Success && (!comment.Groups["target"].Success || TicketObject().IsMatch(comment.Groups["target"].Value)
            || Number(comment.Groups["target"].Value) is not null))
        {
            var target = comment.Groups["target"].Success ? comment.Groups["target"].Value : string.Empty;
            var words = comment.Groups["text"].Value.Trim();
            return new FollowUpCommand(FollowUpIntent.AddComment, Key(target), Number(target), Topic(target), words.Length == 0 ? null : words);
        }

        var key = Key(firstLine);
        var number = key is null ? Number(firstLine) : null;
        var topic = Topic(firstLine);
        if (ReopenPattern().IsMatch(firstLine) && !Negation().IsMatch(firstLine))
        {
            return new FollowUpCommand(FollowUpIntent.Reopen, key, number, topic, input);
        }

        if (ResolvePattern().IsMatch(firstLine) && !Negation().IsMatch(firstLine) && (TicketObject().IsMatch(firstLine) || key is not null))
        {
            return new FollowUpCommand(FollowUpIntent.Resolve, key, number, topic, input);
        }

        if (MyTicketsPattern().IsMatch(firstLine) && key is null && number is null && !StatusWords().IsMatch(firstLine.Replace("open", string.Empty, StringComparison.OrdinalIgnoreCase)))
        {
            return new FollowUpCommand(FollowUpIntent.MyTickets);
        }

        if ((key is not null || number is not null) && (StatusWords().IsMatch(firstLine) || firstLine.Trim().TrimEnd('?', '!', '.').Trim().Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            return new FollowUpCommand(FollowUpIntent.TicketStatus, key, number);
        }

        if (topic is not null && StatusWords().IsMatch(firstLine))
        {
            return new FollowUpCommand(FollowUpIntent.TicketStatus, Topic: topic);
        }

        return MyTicketsPattern().IsMatch(firstLine) ? new FollowUpCommand(FollowUpIntent.MyTickets) : null;
    }

    private static string? Key(string text) => KeyPattern().Match(text) is { Success: true } m ? m.Groups["key"].Value.ToUpperInvariant() : null;

    private static string? Number(string text) => NumberPattern().Match(text.Trim()) is { Success: true } m ? m.Groups["n"].Value.TrimStart('0') is { Length: > 0 } n ? n : "0" : null;

    private static string? Topic(string text)
    {
        if (TopicPattern().Match(text) is not { Success: true } m) return null;
        var topic = m.Groups["topic"].Value.Trim();
        return topic.ToUpperInvariant() is "OPEN" or "OWN" or "LATEST" or "LAST" or "NEW" or "CURRENT" or "IT" ? null : topic;
    }
}
