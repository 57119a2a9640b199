using System.Collections.Frozen;
using System.Globalization;

namespace TeamsItBot.Support.Understanding;

/// <summary>
/// The user's language: English, German, French or Spanish. Teams sends the client's <c>locale</c>, but
/// many people type in their own language on an English client, so a message that is clearly in another
/// supported language wins; a short or unclear message keeps the conversation's language, then the locale.
/// </summary>
public static class LanguageDetector
{
    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = ["en", "de", "fr", "es"];

    // Everyday function words, each mostly of one language; shared words ("de", "la", "no") count for each, split.
    // A few ticket follow-up words too, so "estado de ITSUPPORT-12" on an English client is answered in Spanish.
    private static readonly Dictionary<string, string[]> WordsByLanguage = new()
    {
        ["en"] = ["the", "is", "my", "not", "it", "i", "and", "to", "of", "with", "when", "can", "cant", "wont", "doesnt", "dont", "isnt", "keeps", "im", "on", "in", "a", "an", "this", "please", "help", "working", "work", "get", "need", "have", "how", "what", "why", "yes", "no", "thanks", "still", "broken", "anymore", "since", "me", "at", "from", "for"],
        ["de"] = ["der", "die", "das", "ist", "nicht", "ich", "mein", "meine", "meinen", "meinem", "und", "mit", "kein", "keine", "keinen", "geht", "funktioniert", "wird", "werden", "bei", "beim", "auf", "im", "sich", "mehr", "bitte", "danke", "hallo", "ja", "nein", "habe", "hat", "kann", "brauche", "ein", "eine", "einen", "noch", "immer", "ständig", "wenn", "von", "zu", "hause", "es", "läuft", "startet", "lädt", "mehr", "hilfe", "guten", "morgen", "tag", "vielen", "wie", "was", "warum", "kommentar", "neuigkeiten", "schließen", "wieder"],
        ["fr"] = ["le", "la", "les", "est", "ne", "pas", "je", "mon", "ma", "mes", "et", "avec", "plus", "une", "un", "des", "du", "sur", "dans", "pour", "quand", "qui", "que", "marche", "fonctionne", "bonjour", "merci", "oui", "non", "svp", "ai", "arrive", "besoin", "toujours", "encore", "chez", "moi", "se", "impossible", "aide", "j", "n", "l", "d", "m", "c", "qu", "très", "rien", "aucun", "aucune", "statut", "commentaire", "nouveau", "ferme", "revenu"],
        ["es"] = ["el", "la", "los", "las", "es", "no", "mi", "mis", "y", "con", "una", "un", "del", "al", "en", "para", "por", "que", "cuando", "funciona", "hola", "gracias", "sí", "si", "puedo", "necesito", "me", "se", "está", "están", "muy", "va", "ya", "más", "todavía", "sigue", "ayuda", "por", "favor", "buenos", "días", "tengo", "hay", "nada", "ningún", "ninguna", "estado", "novedades", "comentario", "ciérralo", "vuelto", "qué"],
    };

    private static readonly FrozenDictionary<string, string[]> LanguagesByWord = WordsByLanguage
        .SelectMany(p => p.Value.Select(w => (Word: w, Language: p.Key)))
        .GroupBy(x => x.Word, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Language).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>"de-DE" -> "de"; null for a missing or unsupported locale.</summary>
    public static string? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var code = locale.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Supported.Contains(code) ? code : null;
    }

    /// <summary>The language the text is clearly written in, or null when it is too short or mixed to tell.</summary>
    public static string? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in text)
        {
            var hint = char.ToLowerInvariant(c) switch
            {
                'ä' or 'ö' or 'ü' or 'ß' => "de",
                'ñ' or '¿' or '¡' => "es",
                'ç' or 'è' or 'ê' or 'à' or 'ù' or 'œ' or 'û' or 'î' => "fr",
                _ => null,
            };
            if (hint is not null)
            {
                scores[hint] = scores.GetValueOrDefault(hint) + 1;
            }
        }

        foreach (var word in text.ToLower(CultureInfo.InvariantCulture).Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (LanguagesByWord.TryGetValue(word, out var languages))
            {
                foreach (var language in languages)
                {
                    scores[language] = scores.GetValueOrDefault(language) + (1.0 / languages.Length);
                }
            }
        }

        var ranked = scores.OrderByDescending(p => p.Value).ToList();
        if (ranked.Count == 0 || ranked[0].Value < 1)
        {
            return null;
        }

        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        return ranked[0].Value >= 2 * second ? ranked[0].Key : null;
    }

    /// <summary>Clear text first, then the language the conversation was in, then the locale, then English.</summary>
    public static string Decide(string? text, string? conversationLanguage, string? locale)
    {
        var known = Supported.Contains(conversationLanguage ?? string.Empty) ? conversationLanguage : null;

        // One or two words ("ok", "create ticket") say too little to switch an ongoing conversation.
        var words = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        var fromText = words >= 3 || known is null ? FromText(text) : null;
        return fromText ?? known ?? FromLocale(locale) ?? English;
    }

    private static readonly char[] Separators = [' ', ',', '.', '!', '?', ';', ':', '\'', '\u2019', '"', '(', ')', '-', '/', '\t', '\n', '\r', '¿', '¡'];
}
