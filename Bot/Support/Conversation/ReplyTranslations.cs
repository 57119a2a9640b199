using System.Text.RegularExpressions;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// The bot's fixed English wording (<see cref="SupportReplies"/>, the cards' labels) in German, French and
/// Spanish, applied to every outgoing message of the turn. Keyed by the English text, so a reply nobody
/// has translated yet simply stays English; "{0}" stands for a ticket key or link inside a sentence.
/// </summary>
public static partial class ReplyTranslations
{
    private static readonly (string English, string De, string Fr, string Es)[] Table =
    [
        (SupportReplies.Help,
            "So kann ich helfen:\n\n- Beschreiben Sie ein Problem in eigenen Worten (\"Outlook synchronisiert nicht\", \"mein Passwort ist abgelaufen\", \"Drucker ist offline\"), und ich gebe Ihnen Schritte zur Lösung.\n- Helfen die Schritte nicht, sagen Sie \"geht immer noch nicht\", und ich biete ein Jira-Ticket an.\n- Sagen Sie \"Ich brauche ein Ticket\", um direkt ein Ticket zu erstellen.\n- Sagen Sie \"meine Tickets\", um Ihre Tickets und ihren Status zu sehen, \"Kommentar zu ITSUPPORT-123: ...\", um dem IT-Team mehr zu sagen, oder \"es geht wieder, bitte schließen\" / \"das Problem ist wieder da\".\n- Sagen Sie jederzeit \"abbrechen\" oder \"neu anfangen\".",
            "Voici comment je peux aider :\n\n- Décrivez un problème avec vos mots (« Outlook ne synchronise pas », « mon mot de passe a expiré », « l'imprimante est hors ligne ») et je vous donne les étapes de dépannage.\n- Si elles n'aident pas, dites « ça ne marche toujours pas » et je propose un ticket Jira.\n- Dites « j'ai besoin d'un ticket » pour créer un ticket directement.\n- Dites « mes tickets » pour voir vos tickets et leur statut, « ajoute un commentaire à ITSUPPORT-123 : ... » pour en dire plus à l'équipe IT, ou « ça marche, ferme le ticket » / « le problème est revenu ».\n- Dites « annuler » ou « recommencer » à tout moment.",
            "Así puedo ayudar:\n\n- Describa un problema con sus palabras (\"Outlook no sincroniza\", \"mi contraseña ha caducado\", \"la impresora está fuera de línea\") y le doy pasos para resolverlo.\n- Si no ayudan, diga \"sigue sin funcionar\" y le ofrezco un ticket de Jira.\n- Diga \"necesito un ticket\" para crear un ticket directamente.\n- Diga \"mis tickets\" para ver sus tickets y su estado, \"añade un comentario a ITSUPPORT-123: ...\" para contar más al equipo de TI, o \"ya funciona, ciérralo\" / \"el problema ha vuelto\".\n- Diga \"cancelar\" o \"empezar de nuevo\" en cualquier momento."),
        (SupportReplies.Cancelled, "OK, das habe ich verworfen. Womit kann ich helfen? Beschreiben Sie das Problem in eigenen Worten.", "D'accord, j'ai abandonné. En quoi puis-je aider ? Décrivez le problème avec vos mots.", "De acuerdo, lo he descartado. ¿En qué puedo ayudar? Describa el problema con sus palabras."),
        (SupportReplies.NothingToCancel, "Gerade läuft nichts. Beschreiben Sie ein IT-Problem, und ich helfe.", "Rien n'est en cours. Décrivez un problème informatique et je vous aide.", "No hay nada en curso. Describa un problema de TI y le ayudo."),
        (SupportReplies.Greeting, "Hallo! Bei welchem IT-Problem kann ich helfen? Zum Beispiel: \"Teams funktioniert nicht\".", "Bonjour ! Quel problème informatique puis-je vous aider à résoudre ? Par exemple : « Teams ne marche pas ».", "¡Hola! ¿En qué problema de TI puedo ayudar? Por ejemplo: \"Teams no funciona\"."),
        (SupportReplies.Goodbye, "Tschüss! Schreiben Sie mir jederzeit bei IT-Problemen.", "Au revoir ! Écrivez-moi dès que vous avez un problème informatique.", "¡Hasta luego! Escríbame cuando tenga un problema de TI."),
        (SupportReplies.GoodbyeWithProblemOpen, "Tschüss! Wenn es später immer noch nicht geht, schreiben Sie mir einfach \"geht immer noch nicht\", und ich biete ein Ticket an.", "Au revoir ! Si ça ne marche toujours pas plus tard, écrivez-moi « ça ne marche toujours pas » et je vous proposerai un ticket.", "¡Hasta luego! Si más tarde sigue sin funcionar, escríbame \"sigue sin funcionar\" y le ofreceré un ticket."),
        (SupportReplies.YoureWelcome, "Gern geschehen! Schreiben Sie mir jederzeit bei IT-Problemen.", "Avec plaisir ! Écrivez-moi dès que vous avez un problème informatique.", "¡De nada! Escríbame cuando tenga un problema de TI."),
        (SupportReplies.FixedAck, "Prima, schön dass es wieder geht! Melden Sie sich jederzeit, wenn etwas anderes ist.", "Parfait, ravi que ce soit réglé ! Écrivez-moi si autre chose se présente.", "¡Genial, me alegro de que se haya solucionado! Escríbame si surge otra cosa."),
        (SupportReplies.AskFixedAgain, "Hat das geholfen? Antworten Sie \"ja\", wenn es wieder geht, oder \"geht immer noch nicht\", dann biete ich ein Ticket an.", "Cela a-t-il réglé le problème ? Répondez « oui » si ça marche, ou « ça ne marche toujours pas » et je propose un ticket.", "¿Se ha solucionado? Responda \"sí\" si ya funciona, o \"sigue sin funcionar\" y le ofrezco un ticket."),
        (SupportReplies.DescribeForTicket, "Gern, ich kann ein Ticket für das IT-Team eröffnen. Bitte beschreiben Sie das Problem in ein, zwei Sätzen.", "Bien sûr, je peux ouvrir un ticket pour l'équipe IT. Décrivez le problème en une ou deux phrases.", "Claro, puedo abrir un ticket para el equipo de TI. Describa el problema en una o dos frases."),
        (SupportReplies.DescribeAgain, "Bitte beschreiben Sie das Problem in ein paar Worten, zum Beispiel \"mein Laptop verbindet sich nicht mit dem VPN\".", "Décrivez le problème en quelques mots, par exemple « mon portable ne se connecte pas au VPN ».", "Describa el problema en pocas palabras, por ejemplo \"mi portátil no se conecta a la VPN\"."),
        (SupportReplies.AskConfirmAgain, "Soll ich das Ticket erstellen? Klicken Sie auf der Karte auf \"Ticket erstellen\" oder antworten Sie \"ja\" oder \"nein danke\".", "Je crée le ticket ? Cliquez sur « Créer le ticket » sur la carte, ou répondez « oui » ou « non merci ».", "¿Creo el ticket? Pulse \"Crear ticket\" en la tarjeta o responda \"sí\" o \"no, gracias\"."),
        (SupportReplies.Declined, "OK, ich erstelle kein Ticket. Wenn das Problem wiederkommt, sagen Sie einfach Bescheid.", "D'accord, je ne crée pas de ticket. Si le problème revient, dites-le-moi.", "De acuerdo, no crearé ningún ticket. Si el problema vuelve, dígamelo."),
        (SupportReplies.NoPendingTicket, "Es wartet kein Ticket auf Bestätigung. Beschreiben Sie das Problem, und ich helfe.", "Aucun ticket n'attend de confirmation. Décrivez le problème et je vous aide.", "No hay ningún ticket pendiente de confirmar. Describa el problema y le ayudo."),
        (SupportReplies.NonTextMessage, "Ich kann nur Text lesen. Bitte beschreiben Sie das Problem in einem Satz, zum Beispiel \"VPN verbindet nicht\".", "Je ne lis que du texte. Décrivez le problème en une phrase, par exemple « le VPN ne se connecte pas ».", "Solo puedo leer texto. Describa el problema en una frase, por ejemplo \"la VPN no conecta\"."),
        ("Did that fix it?", "Hat das geholfen?", "Cela a-t-il réglé le problème ?", "¿Se ha solucionado?"),
        ("Yes, it's fixed", "Ja, es geht wieder", "Oui, c'est réglé", "Sí, ya funciona"),
        ("No, still not working", "Nein, geht immer noch nicht", "Non, ça ne marche toujours pas", "No, sigue sin funcionar"),
        ("Did that fix it? Reply \"yes\" or \"still not working\".", "Hat das geholfen? Antworten Sie \"ja\" oder \"geht immer noch nicht\".", "Cela a-t-il aidé ? Répondez « oui » ou « ça ne marche toujours pas ».", "¿Se ha solucionado? Responda \"sí\" o \"sigue sin funcionar\"."),
        ("Create JIRA ticket?", "JIRA-Ticket erstellen?", "Créer un ticket JIRA ?", "¿Crear ticket de JIRA?"),
        ("I can open a ticket with the IT team. This is what I will send:", "Ich kann ein Ticket beim IT-Team eröffnen. Das würde ich senden:", "Je peux ouvrir un ticket auprès de l'équipe IT. Voici ce que j'enverrai :", "Puedo abrir un ticket con el equipo de TI. Esto es lo que enviaré:"),
        ("Problem", "Problem", "Problème", "Problema"),
        ("Steps already tried", "Bereits versuchte Schritte", "Étapes déjà essayées", "Pasos ya probados"),
        ("1 troubleshooting step already tried", "1 Lösungsschritt bereits versucht", "1 étape de dépannage déjà essayée", "1 paso de solución ya probado"),
        ("{0} troubleshooting steps already tried", "{0} Lösungsschritte bereits versucht", "{0} étapes de dépannage déjà essayées", "{0} pasos de solución ya probados"),
        ("Show steps", "Schritte anzeigen", "Afficher les étapes", "Mostrar pasos"),
        ("The IT team will follow up with you in Jira.", "Das IT-Team meldet sich in Jira bei Ihnen.", "L'équipe IT vous répondra dans Jira.", "El equipo de TI le responderá en Jira."),
        ("My tickets", "Meine Tickets", "Mes tickets", "Mis tickets"),
        ("Create ticket", "Ticket erstellen", "Créer le ticket", "Crear ticket"),
        ("No thanks", "Nein danke", "Non merci", "No, gracias"),
        ("Create JIRA ticket? Reply \"yes\" to create it or \"no\" to skip.", "JIRA-Ticket erstellen? Antworten Sie \"ja\" oder \"nein\".", "Créer un ticket JIRA ? Répondez « oui » ou « non ».", "¿Crear ticket de JIRA? Responda \"sí\" o \"no\"."),
        ("Creating ticket...", "Ticket wird erstellt...", "Création du ticket...", "Creando ticket..."),
        ("No ticket created", "Kein Ticket erstellt", "Aucun ticket créé", "No se creó ningún ticket"),
        ("The IT team will follow up with you there.", "Das IT-Team meldet sich dort bei Ihnen.", "L'équipe IT vous répondra là-bas.", "El equipo de TI le responderá allí."),
        ("Open in Jira", "In Jira öffnen", "Ouvrir dans Jira", "Abrir en Jira"),
        ("Created ticket {0}: {1}", "Ticket {0} erstellt: {1}", "Ticket {0} créé : {1}", "Ticket {0} creado: {1}"),
        ("Created ticket {0}", "Ticket {0} erstellt", "Ticket {0} créé", "Ticket {0} creado"),
        ("Update on {0}", "Neuigkeiten zu {0}", "Du nouveau sur {0}", "Novedades sobre {0}"),
        ("Status changed", "Status geändert", "Statut modifié", "Estado cambiado"),
        ("Now assigned to", "Jetzt zugewiesen an", "Maintenant attribué à", "Ahora asignado a"),
        ("New comment from", "Neuer Kommentar von", "Nouveau commentaire de", "Nuevo comentario de"),
        ("Current status", "Aktueller Status", "Statut actuel", "Estado actual"),
    ];

    private static readonly (string English, string De, string Fr, string Es)[] Rows = [.. Table, .. NoticeRows(), .. FollowUpRows()];

    private static readonly Dictionary<string, (string De, string Fr, string Es)> Exact = Rows
        .Where(r => !r.English.Contains("{0}", StringComparison.Ordinal))
        .ToDictionary(r => r.English, r => (r.De, r.Fr, r.Es), StringComparer.Ordinal);

    private static readonly (Regex Pattern, string De, string Fr, string Es)[] Templates = [.. Rows
        .Where(r => r.English.Contains("{0}", StringComparison.Ordinal))
        .Select(r => (new Regex("^" + Regex.Escape(r.English).Replace("\\{0}", "(?<a>.+?)", StringComparison.Ordinal).Replace("\\{1}", "(?<b>.+)", StringComparison.Ordinal) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking), r.De, r.Fr, r.Es))];

    private static readonly Dictionary<string, (string De, string Fr, string Es)> ByTemplate = Rows
        .Where(r => r.English.Contains("{0}", StringComparison.Ordinal))
        .DistinctBy(r => r.English, StringComparer.Ordinal)
        .ToDictionary(r => r.English, r => (r.De, r.Fr, r.Es), StringComparer.Ordinal);

    /// <summary>
    /// A fixed template ("Status: {0}") in the language, its slots filled with the values as they are: for
    /// labels beside Jira's or the user's words in one text run, which the turn's translation leaves alone.
    /// </summary>
    public static string Format(string template, string? language, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var localized = language is not (null or "en") && ByTemplate.TryGetValue(template, out var row) && Pick(row.De, row.Fr, row.Es, language) is { } picked
            ? picked
            : template;
        return SlotPattern().Replace(localized, m => (m.Groups[1].Value[0] - '0') is var i && i < values.Length ? values[i] : m.Value);
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex SlotPattern();

    /// <summary>The text in the language, or the text itself when it is not one of the bot's fixed replies.</summary>
    public static string Translate(string text, string? language)
    {
        if (language is null or "en" || string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (Exact.TryGetValue(text, out var row))
        {
            return Pick(row.De, row.Fr, row.Es, language) ?? text;
        }

        foreach (var (pattern, de, fr, es) in Templates)
        {
            var match = pattern.Match(text);
            if (match.Success && Pick(de, fr, es, language) is { } template)
            {
                // What fills a slot may itself be a fixed reply (the ticket system's sentence inside "couldn't create").
                var a = Translate(match.Groups["a"].Value, language);
                var b = Translate(match.Groups["b"].Value, language);
                return template.Replace("{0}", a, StringComparison.Ordinal).Replace("{1}", b, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static string? Pick(string de, string fr, string es, string language) => language switch
    {
        "de" => de,
        "fr" => fr,
        "es" => es,
        _ => null,
    };
}
