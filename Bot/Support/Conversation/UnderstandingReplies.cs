namespace TeamsItBot.Support.Conversation;

/// <summary>The replies of the intent layer, per language (English first; missing ones fall back to it).</summary>
public static class UnderstandingReplies
{
    public const string OutOfScope = "OutOfScope";
    public const string MyTickets = "MyTickets";
    public const string MyTicketsNone = "MyTicketsNone";
    public const string StillBrokenNoProblem = "StillBrokenNoProblem";
    public const string WhichGuide = "WhichGuide";
    public const string NoneOfThese = "NoneOfThese";
    public const string ShownInEnglish = "ShownInEnglish";
    public const string AskFixedAgainKey = "AskFixedAgain";
    public const string TooVague = "TooVague";
    public const string ServiceRequest = "ServiceRequest";

    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new(StringComparer.Ordinal)
    {
        [OutOfScope] = new()
        {
            ["en"] = "That doesn't sound like an IT problem: facilities (building, kitchen, furniture) or HR questions are handled by those teams, not by IT. If you still want the IT team to see it, I can open a ticket:",
            ["de"] = "Das klingt nicht nach einem IT-Problem: Gebäude, Küche, Möbel oder Personalfragen bearbeiten die zuständigen Teams, nicht die IT. Wenn die IT es trotzdem sehen soll, kann ich ein Ticket eröffnen:",
            ["fr"] = "Cela ne ressemble pas à un problème informatique : les services généraux (bâtiment, cuisine, mobilier) ou les RH s'en occupent, pas l'IT. Si vous voulez quand même que l'IT le voie, je peux ouvrir un ticket :",
            ["es"] = "Eso no parece un problema de TI: el edificio, la cocina, el mobiliario o Recursos Humanos lo gestionan esos equipos, no TI. Si aun así quiere que TI lo vea, puedo abrir un ticket:",
        },
        [MyTickets] = new()
        {
            ["en"] = "I can't look up ticket status here yet. Your tickets and their status are in the IT ticket system; the ones from this chat:",
            ["de"] = "Den Ticketstatus kann ich hier noch nicht abfragen. Ihre Tickets und ihr Status stehen im IT-Ticketsystem; die aus diesem Chat:",
            ["fr"] = "Je ne peux pas encore consulter le statut des tickets ici. Vos tickets et leur statut sont dans l'outil de tickets de l'IT ; ceux de cette conversation :",
            ["es"] = "Todavía no puedo consultar aquí el estado de los tickets. Sus tickets y su estado están en el sistema de tickets de TI; los de este chat:",
        },
        [MyTicketsNone] = new()
        {
            ["en"] = "I can't look up ticket status here yet, and no ticket was created in this chat. Your tickets and their status are in the IT ticket system (Jira); the link is in the message you got when each ticket was created.",
            ["de"] = "Den Ticketstatus kann ich hier noch nicht abfragen, und in diesem Chat wurde kein Ticket erstellt. Ihre Tickets und ihr Status stehen im IT-Ticketsystem (Jira); den Link finden Sie in der Nachricht zu jedem erstellten Ticket.",
            ["fr"] = "Je ne peux pas encore consulter le statut des tickets ici, et aucun ticket n'a été créé dans cette conversation. Vos tickets et leur statut sont dans l'outil de tickets de l'IT (Jira) ; le lien figure dans le message reçu à la création de chaque ticket.",
            ["es"] = "Todavía no puedo consultar aquí el estado de los tickets, y en este chat no se creó ninguno. Sus tickets y su estado están en el sistema de tickets de TI (Jira); el enlace está en el mensaje que recibió al crear cada ticket.",
        },
        [StillBrokenNoProblem] = new()
        {
            ["en"] = "Sorry to hear that. What isn't working? Describe the problem in a sentence, for example \"Outlook won't open\".",
            ["de"] = "Das tut mir leid. Was funktioniert nicht? Beschreiben Sie das Problem in einem Satz, zum Beispiel \"Outlook startet nicht\".",
            ["fr"] = "Désolé. Qu'est-ce qui ne marche pas ? Décrivez le problème en une phrase, par exemple « Outlook ne s'ouvre pas ».",
            ["es"] = "Lo siento. ¿Qué no funciona? Describa el problema en una frase, por ejemplo \"Outlook no abre\".",
        },
        [ServiceRequest] = new()
        {
            ["en"] = "That sounds like a request rather than something broken, so troubleshooting steps won't help. I can open a ticket for the IT team:",
            ["de"] = "Das klingt nach einer Anfrage, nicht nach einer Störung, da helfen Lösungsschritte nicht. Ich kann ein Ticket für das IT-Team eröffnen:",
            ["fr"] = "Cela ressemble à une demande plutôt qu'à une panne : des étapes de dépannage n'aideront pas. Je peux ouvrir un ticket pour l'équipe informatique :",
            ["es"] = "Eso parece una solicitud más que una avería, así que los pasos de solución no ayudarán. Puedo abrir un ticket para el equipo de TI:",
        },
        [TooVague] = new()
        {
            ["en"] = "I didn't quite get that. What isn't working? Describe it in a sentence, for example \"Outlook won't open\" or \"the VPN won't connect\".",
            ["de"] = "Das habe ich nicht ganz verstanden. Was funktioniert nicht? Beschreiben Sie es in einem Satz, zum Beispiel \"Outlook startet nicht\" oder \"das VPN verbindet nicht\".",
            ["fr"] = "Je n'ai pas bien compris. Qu'est-ce qui ne marche pas ? Décrivez-le en une phrase, par exemple « Outlook ne s'ouvre pas » ou « le VPN ne se connecte pas ».",
            ["es"] = "No lo he entendido bien. ¿Qué no funciona? Descríbalo en una frase, por ejemplo \"Outlook no abre\" o \"la VPN no conecta\".",
        },
        [WhichGuide] = new()
        {
            ["en"] = "That could be one of two things. Which fits best?",
            ["de"] = "Das kann eines von zwei Dingen sein. Was passt am besten?",
            ["fr"] = "Cela peut correspondre à deux choses. Laquelle convient le mieux ?",
            ["es"] = "Puede ser una de dos cosas. ¿Cuál encaja mejor?",
        },
        [NoneOfThese] = new()
        {
            ["en"] = "Neither of these",
            ["de"] = "Keins davon",
            ["fr"] = "Aucune des deux",
            ["es"] = "Ninguna de las dos",
        },
        [ShownInEnglish] = new()
        {
            ["en"] = string.Empty,
            ["de"] = "(Diese Anleitung gibt es noch nicht auf Deutsch, daher zeige ich sie auf Englisch.)",
            ["fr"] = "(Ce guide n'existe pas encore en français, je l'affiche donc en anglais.)",
            ["es"] = "(Esta guía aún no está en español, así que la muestro en inglés.)",
        },
    };

    public static string Get(string key, string? language) =>
        Texts.TryGetValue(key, out var byLanguage) && (byLanguage.GetValueOrDefault(language ?? "en") ?? byLanguage["en"]) is { } text
            ? text
            : key;

    /// <summary>The "Problem: steps" intro in the language; null title means the general steps.</summary>
    public static string StepsIntro(string? topicTitle, string? summary, string language) => language switch
    {
        "de" => topicTitle is null
            ? "Ich bin nicht sicher, welches System das ist, daher hier die allgemeinen ersten Schritte, die die meisten Probleme lösen:"
            : $"**{topicTitle}**: {summary ?? "Das hilft meistens."} Bitte probieren Sie diese Schritte der Reihe nach:",
        "fr" => topicTitle is null
            ? "Je ne sais pas de quel système il s'agit, voici donc les premières étapes générales qui règlent la plupart des problèmes :"
            : $"**{topicTitle}** : {summary ?? "voici ce qui aide le plus souvent."} Essayez ces étapes dans l'ordre :",
        "es" => topicTitle is null
            ? "No estoy seguro de qué sistema es, así que aquí tiene los primeros pasos generales que resuelven la mayoría de problemas:"
            : $"**{topicTitle}**: {summary ?? "esto es lo que suele funcionar."} Pruebe estos pasos en orden:",
        _ => SupportReplies.StepsIntro(topicTitle, summary),
    };
}
