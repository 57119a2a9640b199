using System.Text.RegularExpressions;

namespace TeamsItBot.Support.FollowUp;

/// <summary>German: "Status von ITSUPPORT-12", "Kommentar zu 12: ...", "es geht wieder, bitte schließen", "das Problem ist wieder da".</summary>
public static partial class FollowUpPhrasings
{
    public static FollowUpPhrasing German { get; } = new(
        "de",
        GermanMyTickets(),
        GermanStatusWords(),
        GermanNumber(),
        [GermanTopicBefore(), GermanTopicCompound(), GermanTopicAfter()],
        Words("offen offene offenes offenen letzte letztes letzten neue neues neuen aktuelle aktuelles aktuellen alte altes ersten erstes eigene eigenes "
            + "jira it support service helpdesk problem stoerungs storungs"),
        [GermanCommentVerbFirst(), GermanCommentNounFirst()],
        GermanReopen(),
        GermanResolve(),
        GermanResolveItself(),
        GermanNegation(),
        GermanTicketObject());

    [GeneratedRegex(@"\b(?:meine|meiner|meinen|unsere)\s+(?:offenen\s+|eigenen\s+|aktuellen\s+)?(?:tickets|anfragen|meldungen|sto(?:e)?rungsmeldungen|vorga(?:e)?nge)\b"
        + @"|\bwelche\s+(?:tickets|anfragen)\s+(?:habe\s+ich|hab\s+ich|sind\s+offen|laufen)\b"
        + @"|^(?:bitte\s+)?(?:zeig|zeige|zeigen\s+sie|liste|auflisten)\s+(?:mir\s+)?(?:bitte\s+)?(?:alle\s+)?(?:meine\s+)?(?:offenen\s+)?tickets\b", Options)]
    private static partial Regex GermanMyTickets();

    [GeneratedRegex(@"\b(?:status|stand|zustand|neuigkeiten|neues|news|updates?|fortschritt|details?|infos?|informationen|was\s+ist\s+(?:mit|aus)|was\s+gibt(?:'?s|\s+es)"
        + @"|wie\s+(?:steht|sieht)(?:'?s|\s+es)?|wie\s+weit|wo\s+(?:steht|stehen)|schon\s+was|zeig|zeige|zeigen|pru(?:e)?f|pru(?:e)?fe|pru(?:e)?fen|check)\b", Options)]
    private static partial Regex GermanStatusWords();

    [GeneratedRegex(@"(?:#|\b(?:ticket|tickets|nummer|zu|zum|von|fu(?:e)?r|bei|u(?:e)?ber|mit|an)\s+#?|\bnr\.?\s*)(?<n>\d{1,12})\b(?![.,:/]\d)"
        + @"(?!\.?\s*(?:%|uhr|h\b|min|sek|stunde|tag|woche|monat|jahr|mal\b|gb\b|mb\b|zoll|januar|februar|ma(?:e)?rz|april|mai\b|juni|juli|august|september|oktober|november|dezember))", Options)]
    private static partial Regex GermanNumber();

    [GeneratedRegex(@"\b(?:mein|meine|meinem|meinen|meiner|meines|das|dem|den|zum|beim)\s+(?<topic>[\p{L}\p{N}][\p{L}\p{N}'-]*?(?:\s+[\p{L}\p{N}][\p{L}\p{N}'-]*?){0,2})(?:-|\s+)(?:ticket|tickets|anfrage|meldung|sto(?:e)?rungsmeldung)\b", Options)]
    private static partial Regex GermanTopicBefore();

    [GeneratedRegex(@"\b(?:mein|meine|meinem|meinen|meiner|meines|das|dem|den|zum|beim)\s+(?<topic>\p{L}{3,}?)tickets?\b", Options)]
    private static partial Regex GermanTopicCompound();

    [GeneratedRegex(@"\b(?:mein|meinem|meinen|meines|das|dem|den)\s+(?:ticket|tickets|anfrage|meldung)\s+(?:wegen|zu|zum|zur|u(?:e)?ber|bezu(?:e)?glich|bzgl\.?|mit|fu(?:e)?r|um|betreffend)\s+"
        + @"(?:(?:dem|den|das|die|der|des|meinem|meinen|meiner|meine|mein)\s+)?(?<topic>[\p{L}\p{N}][\p{L}\p{N}-]*)", Options)]
    private static partial Regex GermanTopicAfter();

    [GeneratedRegex(@"^(?:bitte\s+)?(?:(?:kannst|ko(?:e)?nntest)\s+du\s+|(?:ko(?:e)?nnen|ko(?:e)?nnten)\s+sie\s+)?"
        + @"(?:fu(?:e)?g|fu(?:e)?ge|fu(?:e)?gen|erga(?:e)?nze|erga(?:e)?nzen|schreib|schreibe|schreiben|hinterlasse|hinterlassen|poste|posten|setz|setze|setzen)(?:\s+sie)?\s+(?:bitte\s+)?"
        + @"(?:(?:einen|eine|diesen|diese|folgenden|folgende|meinen|meine|den|die|noch\s+einen|noch\s+eine)\s+)?(?:kommentar|notiz|anmerkung|hinweis|nachricht|nachtrag)"
        + @"(?:\s+(?:zu|zum|zur|an|am|bei|beim|fu(?:e)?r|in|im|ins)\s+(?<target>[^\s:,?]+(?:\s+[^\s:,?]+){0,5}?))?(?:\s+(?:hinzu|dazu|an|ein|rein))?\s*(?::|\?|\s-\s|,|\bdass\b|$)\s*(?<text>[\s\S]*)$", Options)]
    private static partial Regex GermanCommentVerbFirst();

    [GeneratedRegex(@"^(?:bitte\s+)?(?:(?:kannst|ko(?:e)?nntest)\s+du\s+|(?:ko(?:e)?nnen|ko(?:e)?nnten)\s+sie\s+)?(?:bitte\s+)?(?:(?:ein|einen|eine|neuer|neuen|noch\s+einen|noch\s+eine)\s+)?"
        + @"(?:kommentar|notiz|anmerkung|nachtrag)(?:\s+hinzufu(?:e)?gen)?(?:\s+(?:zu|zum|zur|an|am|bei|beim|fu(?:e)?r|in|im)\s+(?<target>[^\s:,?]+(?:\s+[^\s:,?]+){0,5}?))?"
        + @"(?:\s+(?:hinzufu(?:e)?gen|schreiben|eintragen|erga(?:e)?nzen|posten|hinterlassen))?\s*\??\s*(?::|\s-\s|$)\s*(?<text>[\s\S]*)$", Options)]
    private static partial Regex GermanCommentNounFirst();

    [GeneratedRegex(@"\b(?:das\s+problem|der\s+fehler|die\s+sto(?:e)?rung|es|das)\s+(?:ist|kam|kommt)\s+(?:jetzt\s+|schon\s+)?(?:wieder\s+da|wieder\s+aufgetreten|(?:wieder\s+)?zuru(?:e)?ck)\b"
        + @"|\b(?:tritt|trat|treten)\s+(?:jetzt\s+|schon\s+)?wieder\s+auf\b|\b(?:ist|sind)\s+(?:jetzt\s+|schon\s+)?wieder\s+aufgetreten\b"
        + @"|\b(?:wieder|erneut)\s+(?:o(?:e)?ffnen|ero(?:e)?ffnen|aufmachen)\b|\bwieder(?:ero(?:e)?ffnen|o(?:e)?ffnen)\b"
        + @"|(?<!\bich\s)\b(?:o(?:e)?ffne|o(?:e)?ffnen|mach|mache|machen)(?:\s+sie)?\s+(?:(?:es|ihn|das|bitte|ticket|nochmal|\S+-\d+)\s+){1,3}(?:wieder|erneut)(?:\s+auf)?\b", Options)]
    private static partial Regex GermanReopen();

    [GeneratedRegex(@"(?<!\b(?:ich|wir)\s)\b(?:schlie(?:ß|ss?)(?:e|en)?|abschlie(?:ß|ss?)en|zumachen)\b(?!\s+(?:sich|mich|dich)\b)"
        + @"|\bgeschlossen\s+werden\b|\bmach(?:e|en)?(?:\s+sie)?\s+(?:(?:es|ihn|das|ticket|bitte|\S+-\d+)\s+){1,3}zu\b"
        + @"|\b(?:als|auf)\s+(?:erledigt|gelo(?:e)?st|geschlossen|behoben)\s+(?:markieren|setzen|stellen)\b", Options)]
    private static partial Regex GermanResolve();

    [GeneratedRegex(@"\bbitte\s+(?:(?:das\s+ticket|es|ihn|\S+-\d+)\s+)?schlie(?:ß|ss?)en\b|\bschlie(?:ß|ss?)en\s+bitte\b"
        + @"|\b(?:kann|darf|ko(?:e)?nnen|du\s+kannst|sie\s+ko(?:e)?nnen)\s+(?:jetzt\s+|nun\s+|gerne\s+)?(?:geschlossen\s+werden|zu)\s*(?:[.!,]|$)", Options)]
    private static partial Regex GermanResolveItself();

    [GeneratedRegex(@"\b(?:nicht|nichts|nie|niemals|sta(?:e)?ndig|dauernd|andauernd|immer\s+wieder|jedes\s*mal|von\s+selbst|von\s+allein|alleine?|selbststa(?:e)?ndig"
        + @"|beim|wenn|sobald|nachdem|bevor|muss|musste|mu(?:e)?ssen|wie\s+(?:kann|ko(?:e)?nnte|schlie(?:ß|ss?)e|mache|o(?:e)?ffne))\b"
        + @"|\bkein(?:e|en|er)?\b(?!\s+(?:probleme?|fehler|sto(?:e)?rung(?:en)?)\s+mehr)", Options)]
    private static partial Regex GermanNegation();

    [GeneratedRegex(@"\b(?:ticket|tickets|anfrage|meldung|vorgang|es|ihn)\b", Options)]
    private static partial Regex GermanTicketObject();
}
