using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.FollowUp;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets.FollowUp;
using static TeamsItBot.Tests.Support.FollowUp.FollowUpBotHost;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>A German, French or Spanish employee follows their tickets in their own words and reads the answers in their language.</summary>
public sealed class FollowUpInTheUsersLanguageTests
{
    public static readonly TheoryData<string> Languages = ["de", "fr", "es"];

    /// <summary>What each employee types ({key}: the ticket) and fragments of what the bot must answer, written out here on purpose.</summary>
    private static readonly Dictionary<string, Speaker> Speakers = new()
    {
        ["de"] = new(
            "de-DE", "meine Tickets", "Status von {key}", "Kommentar zu {key}: passiert auch an der Dockingstation", "es geht wieder, bitte schließen", "das Problem ist wieder da", "Kommentar zu {key}", "abbrechen",
            ["Ihre Tickets", "In Jira öffnen", "Kommentar hinzufügen", "Kommentar zu {key} hinzufügen", "Status: To Do · aktualisiert {date:d.M.yyyy}"],
            ["Status: In Progress", "Zugewiesen an: noch niemand", "Neueste Kommentare", "Es geht wieder: schließen", "Möchten Sie etwas ergänzen?"],
            "Ihr Kommentar steht jetzt an {key}.", "{key} ist geschlossen.", "{key} ist wieder geöffnet", "Was möchten Sie zu {key} ergänzen?", "Es ist wieder da: erneut öffnen"),
        ["fr"] = new(
            "fr-FR", "mes tickets", "statut de {key}", "ajoute un commentaire à {key} : ça arrive aussi sur la station d'accueil", "ça marche, ferme le ticket", "le problème est revenu", "commentaire sur {key}", "annuler",
            ["Vos tickets", "Ouvrir dans Jira", "Ajouter un commentaire", "Ajouter un commentaire à {key}", "Statut : To Do · mis à jour le {date:dd/MM/yyyy}"],
            ["Statut : In Progress", "Attribué à : personne pour l'instant", "Derniers commentaires", "C'est réglé : fermer", "Quelque chose à ajouter ?"],
            "Votre commentaire a été ajouté à {key}.", "{key} est fermé.", "{key} est rouvert", "Que voulez-vous ajouter à {key} ?", "C'est revenu : rouvrir"),
        ["es"] = new(
            "es-ES", "mis tickets", "estado de {key}", "añade un comentario a {key}: también pasa en la base de acoplamiento", "ya funciona, ciérralo", "el problema ha vuelto", "comentario para {key}", "cancelar",
            ["Sus tickets", "Abrir en Jira", "Añadir un comentario", "Añadir un comentario a {key}", "Estado: To Do · actualizado el {date:d/M/yyyy}"],
            ["Estado: In Progress", "Asignado a: nadie todavía", "Últimos comentarios", "Ya funciona: cerrar", "¿Algo que añadir?"],
            "He añadido su comentario a {key}.", "He cerrado {key}.", "He reabierto {key}", "¿Qué quiere añadir a {key}?", "Ha vuelto: reabrir"),
    };

    private static readonly string[] EnglishLabels = ["Your tickets", "Open in Jira", "Add a comment", "updated", "Assigned to", "nobody yet", "Anything to add?", "It's fixed", "It came back", "Latest comments"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task My_tickets_card_is_in_the_users_language_with_local_dates(string language)
    {
        var speaker = Speakers[language];
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops every hour");
        var chat = Speak(speaker);

        var texts = Texts(Assert.Single(await host.SayAsync(chat, speaker.MyTickets)));

        foreach (var expected in speaker.ListCard) AssertShows(texts, Fill(expected, vpn.Key));
        AssertNoEnglish(texts);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Status_of_a_key_shows_the_details_card_in_the_users_language(string language)
    {
        var speaker = Speakers[language];
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops every hour");
        host.Jira.AgentComment(vpn.Key, "Bo Agent", "Please update the VPN client to 5.2");
        host.Jira.SetStatus(vpn.Key, "In Progress");
        var chat = Speak(speaker);

        var texts = Texts(Assert.Single(await host.SayAsync(chat, Fill(speaker.StatusOf, vpn.Key))));

        foreach (var expected in speaker.DetailsCard) AssertShows(texts, Fill(expected, vpn.Key));
        Assert.Contains("Please update the VPN client to 5.2", texts);
        AssertNoEnglish(texts);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_comment_typed_in_the_users_language_reaches_jira_and_is_confirmed_in_it(string language)
    {
        var speaker = Speakers[language];
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops every hour");
        var chat = Speak(speaker);
        var typed = Fill(speaker.Comment, vpn.Key);

        var reply = Assert.Single(await host.SayAsync(chat, typed)).Text;

        Assert.StartsWith(Fill(speaker.CommentAdded, vpn.Key), reply, StringComparison.Ordinal);
        var words = typed[(typed.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        Assert.Equal([JiraCommentFormat.Comment("Ann Lee", words)], host.Jira.CommentBodies(vpn.Key));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Close_and_reopen_in_the_users_words_move_the_ticket_and_answer_in_their_language(string language)
    {
        var speaker = Speakers[language];
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops every hour");
        var chat = Speak(speaker);

        await new TestFlow(chat, host.Bot)
            .Send(speaker.Close)
            .AssertReply(r => Assert.StartsWith(Fill(speaker.Resolved, vpn.Key), r.Text, StringComparison.Ordinal))
            .StartTestAsync(Token);
        Assert.Equal("Done", host.Jira.StatusOf(vpn.Key));

        await new TestFlow(chat, host.Bot)
            .Send(speaker.Reopen)
            .AssertReply(r => Assert.StartsWith(Fill(speaker.Reopened, vpn.Key), r.Text, StringComparison.Ordinal))
            .StartTestAsync(Token);
        Assert.Equal("To Do", host.Jira.StatusOf(vpn.Key));
        Assert.Equal(
            [JiraCommentFormat.Comment("Ann Lee", speaker.Close, "asked to close the ticket"), JiraCommentFormat.Comment("Ann Lee", speaker.Reopen, "asked to reopen the ticket")],
            host.Jira.CommentBodies(vpn.Key));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Clicking_its_fixed_on_the_card_answers_with_a_card_in_the_users_language(string language)
    {
        var speaker = Speakers[language];
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops every hour");
        var chat = Speak(speaker);

        var replies = await host.SendAsync(chat, Execute(chat, FollowUpCards.ResolveVerb, new Dictionary<string, string> { [FollowUpCards.TicketKeyKey] = vpn.Key }));

        Assert.StartsWith(Fill(speaker.Resolved, vpn.Key), Assert.Single(replies).Text, StringComparison.Ordinal);
        var answer = Assert.IsType<AdaptiveCardInvokeResponse>(chat.LastInvokeResponse?.Body);
        var texts = Strings(JsonSerializer.SerializeToElement(Assert.IsType<AdaptiveCard>(answer.Value), BotJson.Options)).ToList();
        Assert.Contains(speaker.ReopenButton, texts);
        AssertNoEnglish(texts);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_users_word_for_cancel_skips_the_pending_comment(string language)
    {
        var speaker = Speakers[language];
        await using var host = await StartAsync();
        var vpn = await host.FileAsync(Ann, "VPN drops every hour");
        var chat = Speak(speaker);

        await new TestFlow(chat, host.Bot)
            .Send(Fill(speaker.AskForComment, vpn.Key))
            .AssertReply(r => Assert.StartsWith(Fill(speaker.CommentQuestion, vpn.Key), r.Text, StringComparison.Ordinal))
            .Send(speaker.Cancel)
            .AssertReply(r => Assert.DoesNotContain(vpn.Key, r.Text ?? string.Empty, StringComparison.Ordinal))
            .StartTestAsync(Token);

        Assert.Empty(host.Jira.CommentBodies(vpn.Key));
    }

    private static TestAdapter Speak(Speaker speaker)
    {
        var chat = Chat(Ann);
        chat.Locale = speaker.Locale;
        return chat;
    }

    private static string Fill(string text, string key)
    {
        var date = DateTimeOffset.UtcNow;
        var at = text.IndexOf("{date:", StringComparison.Ordinal);
        if (at >= 0)
        {
            var end = text.IndexOf('}', at);
            text = text[..at] + date.ToString(text[(at + 6)..end].Replace("/", "'/'", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) + text[(end + 1)..];
        }

        return text.Replace("{key}", key, StringComparison.Ordinal);
    }

    /// <summary>Every string of the card (texts, titles, placeholders), decoded: the serializer escapes umlauts and accents.</summary>
    private static List<string> Texts(Activity activity) => [.. Strings(SupportBot.CardJson(activity))];

    /// <summary>Some text of the card starts with the expected words ("Status: To Do · aktualisiert 1.12.2026" of a line that goes on with the time).</summary>
    private static void AssertShows(IReadOnlyList<string> texts, string expected) =>
        Assert.True(texts.Any(t => t.StartsWith(expected, StringComparison.Ordinal)), $"No \"{expected}\" among: {string.Join(" | ", texts)}");

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static void AssertNoEnglish(IEnumerable<string> texts)
    {
        var english = texts.Where(text => EnglishLabels.Any(label => text.StartsWith(label, StringComparison.Ordinal) || text.Contains(" " + label + " ", StringComparison.Ordinal))).ToList();
        Assert.True(english.Count == 0, "Still English: " + string.Join(" | ", english));
    }

    private sealed record Speaker(
        string Locale, string MyTickets, string StatusOf, string Comment, string Close, string Reopen, string AskForComment, string Cancel,
        string[] ListCard, string[] DetailsCard, string CommentAdded, string Resolved, string Reopened, string CommentQuestion, string ReopenButton);
}
