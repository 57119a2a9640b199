using System.Text.RegularExpressions;

namespace TeamsItBot.Support.FollowUp;

/// <summary>French: "statut de ITSUPPORT-12", "ajoute un commentaire à 12 : ...", "ça marche, ferme le ticket", "le problème est revenu".</summary>
public static partial class FollowUpPhrasings
{
    public static FollowUpPhrasing French { get; } = new(
        "fr",
        FrenchMyTickets(),
        FrenchStatusWords(),
        FrenchNumber(),
        [FrenchTopicAfterPreposition(), FrenchTopicAtEnd()],
        Words("est sont ouvert ouverte ouverts ferme fermee svp stp merci actuel actuelle dernier derniere nouveau nouvelle recent "
            + "it informatique support jira ici encore aussi alors maintenant d hier"),
        [FrenchCommentVerbFirst(), FrenchCommentNounFirst(), FrenchCommentOn()],
        FrenchReopen(),
        FrenchResolve(),
        FrenchResolveItself(),
        FrenchNegation(),
        FrenchTicketObject());

    private const string Polite = @"(?:(?:s'il\s+(?:te|vous)\s+pla[iî]t|svp|stp|merci\s+d'|peux[-\s]tu|pouvez[-\s]vous|tu\s+peux|vous\s+pouvez|pourrais[-\s]tu|pourriez[-\s]vous|veuillez)\s*,?\s*)?";

    private const string Target = @"(?<target>[^\s:,?]+(?:\s+[^\s:,?]+){0,5}?)";

    [GeneratedRegex(@"\b(?:mes|nos)\s+(?:tickets|demandes|incidents|requetes)\b|\bquels\s+(?:sont\s+)?(?:mes\s+)?tickets\b"
        + @"|^(?:affiche|afficher|montre|montrer|voir|liste|lister|donne)(?:[-\s]moi)?\s+(?:tous\s+)?(?:mes\s+)?tickets\b", Options)]
    private static partial Regex FrenchMyTickets();

    [GeneratedRegex(@"\b(?:statut|etat|nouvelles?|news|infos?|informations?|details?|avancement|suivi|progression|mise\s+a\s+jour|du\s+nouveau|quoi\s+de\s+neuf"
        + @"|ou\s+en\s+(?:est|sont|etes|es)|qu['\s]?en\s+est[-\s]il|ou\s+ca\s+en\s+est|ca\s+avance|ca\s+donne\s+quoi|voir|affiche|montre|verifie|verifier|consulter|regarde)\b", Options)]
    private static partial Regex FrenchStatusWords();

    [GeneratedRegex(@"(?:#|\b(?:ticket|tickets|numero|no|sur|du|au|pour|de)\s+#?|(?<!\bdepuis\s)\ble\s+#?|\bn°\s*)(?<n>\d{1,12})\b(?![.,:/h]\d)"
        + @"(?!\s*(?:%|h\b|heure|min|seconde|jour|semaine|mois|ans?\b|fois|go\b|mo\b|janv|fevr|mars|avr|mai\b|juin|juil|aout|sept|oct|nov|dec))", Options)]
    private static partial Regex FrenchNumber();

    [GeneratedRegex(@"\b(?:mon|ma|le|la|du|au)\s+(?:ticket|demande|incident|requete)\s+(?:pour|sur|concernant|de|du|des|au\s+sujet\s+(?:de|du|des)|a\s+propos\s+(?:de|du|des)|lie\s+(?:a|au|aux))\s+"
        + @"(?:(?:le|la|les|l'|mon|ma|mes|un|une)\s*)?(?<topic>[\p{L}\p{N}][\p{L}\p{N}-]*)", Options)]
    private static partial Regex FrenchTopicAfterPreposition();

    [GeneratedRegex(@"\b(?:mon|ma|le|la)\s+(?:ticket|demande|incident)\s+(?<topic>[\p{L}\p{N}][\p{L}\p{N}-]*)\s*(?:[?!.,;]|$)", Options)]
    private static partial Regex FrenchTopicAtEnd();

    [GeneratedRegex(@"^[\s?!]*" + Polite + @"(?:ajoute|ajoutez|ajouter|rajoute|rajoutez|rajouter|mets|mettez|mettre|laisse|laissez|laisser|ecris|ecrivez|ecrire|poste|postez|poster)\s+"
        + @"(?:(?:un|une|ce|cette|mon|ma|le|la)\s+)?(?:petit\s+|petite\s+)?(?:commentaire|note|remarque|message|precision)"
        + @"(?:\s+(?:a|au|aux|sur|pour|dans)\s+" + Target + @")?\s*(?::|\?|\s-\s|,|\bdisant\b|\bque\b|$)\s*(?<text>[\s\S]*)$", Options)]
    private static partial Regex FrenchCommentVerbFirst();

    [GeneratedRegex(@"^(?:(?:un|nouveau)\s+)?(?:commentaire|note|remarque)(?:\s+(?:a|au|sur|pour|dans)\s+" + Target + @")?\s*(?::|\s-\s)\s*(?<text>[\s\S]*)$"
        + @"|^(?:(?:un|nouveau)\s+)?(?:commentaire|note|remarque)\s+(?:a|au|sur|pour|dans)\s+" + Target + @"\s*[?!.]*$", Options)]
    private static partial Regex FrenchCommentNounFirst();

    [GeneratedRegex(@"^" + Polite + @"(?:commente|commentez|commenter)\s+(?:(?:sur|le|la)\s+)?" + Target + @"\s*(?::|\s-\s|,|$)\s*(?<text>[\s\S]*)$", Options)]
    private static partial Regex FrenchCommentOn();

    [GeneratedRegex(@"(?:\ble\s+probleme|\bl'erreur|\bl'incident|\bla\s+panne|\ble\s+bug|\ble\s+souci|\bca|\bc')\s*(?:est|a|s'est)?\s*(?:revenue?|de\s+retour|revient|recommence|reapparu|reapparait)\b"
        + @"|\b(?:rouvre|rouvrez|rouvrir|reouvre|reouvrez|reouvrir|re-ouvre|re-ouvrez|re-ouvrir)\b"
        + @"|\b(?:ouvre|ouvrez|ouvrir)(?:-(?:le|la))?\s+(?:(?:le\s+ticket|la\s+demande|\S+-\d+)\s+)?(?:de\s+nouveau|a\s+nouveau)\b", Options)]
    private static partial Regex FrenchReopen();

    [GeneratedRegex(@"(?<!\b(?:je|j'ai|ai|as|a|avons|avez|ont)\s)(?<!\bj')\b(?:ferme|fermez|fermer|cloture|cloturez|cloturer|classe|classez|classer)\b"
        + @"|\bmarque[rz]?(?:-(?:le|la))?\s+(?:(?:le\s+ticket|la\s+demande|\S+-\d+)\s+)?comme\s+(?:resolue?|terminee?|fermee?|reglee?)\b", Options)]
    private static partial Regex FrenchResolve();

    [GeneratedRegex(@"\b(?:ferme|fermez|cloture|cloturez)-(?:le|la)\b"
        + @"|\b(?:peux[-\s]tu|pouvez[-\s]vous|tu\s+peux|vous\s+pouvez|merci\s+de|veuillez|pourriez[-\s]vous|pourrais[-\s]tu)\s+(?:le\s+|la\s+|l')?(?:fermer|cloturer)\b"
        + @"|^(?:ok\s*,?\s*)?(?:ferme|fermez|fermer|cloture|cloturez|cloturer)\s*[.!]*$", Options)]
    private static partial Regex FrenchResolveItself();

    [GeneratedRegex(@"\b(?:pas|jamais|rien|aucun|aucune|impossible|toujours|sans\s+arret|tout\s+seul|toute\s+seule|tous\s+les|toutes\s+les|chaque|tout\s+le\s+temps"
        + @"|quand|lorsque|comment|des\s+que|dois|doit|faut)\b|(?:\bse|\bs')\s*(?:ferme|ferment|fermer|referme|rouvre|ouvre)\b", Options)]
    private static partial Regex FrenchNegation();

    [GeneratedRegex(@"\b(?:ticket|tickets|demande|incident|requete)\b", Options)]
    private static partial Regex FrenchTicketObject();
}
