using TeamsItBot.Support.FollowUp;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>French phrasings (vous and tu, with and without accents) and French problems that stay problems.</summary>
public sealed class FrenchFollowUpPhrasingTests
{
    [Theory]
    [InlineData("mes tickets", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("Montre-moi mes tickets ouverts", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("Où en sont mes demandes ?", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("statut de ITSUPPORT-12", FollowUpIntent.TicketStatus, "ITSUPPORT-12", null, null)]
    [InlineData("Quel est l'état de ITSUPPORT-12 ?", FollowUpIntent.TicketStatus, "ITSUPPORT-12", null, null)]
    [InlineData("du nouveau sur 12 ?", FollowUpIntent.TicketStatus, null, "12", null)]
    [InlineData("Des nouvelles du ticket 12 ?", FollowUpIntent.TicketStatus, null, "12", null)]
    [InlineData("ou en est le 12", FollowUpIntent.TicketStatus, null, "12", null)]
    [InlineData("où en est mon ticket VPN ?", FollowUpIntent.TicketStatus, null, null, "VPN")]
    [InlineData("Qu'en est-il de mon ticket pour l'imprimante ?", FollowUpIntent.TicketStatus, null, null, "imprimante")]
    [InlineData("ça marche, ferme le ticket", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("ca marche, fermez le ticket svp", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("C'est réglé, vous pouvez clôturer la demande", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("c'est bon, tu peux le fermer", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("ferme-le", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("Vous pouvez fermer ITSUPPORT-12, ça ne plante plus", FollowUpIntent.Resolve, "ITSUPPORT-12", null, null)]
    [InlineData("le problème est revenu", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("le probleme est revenu", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("C'est revenu", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("Ça recommence", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("rouvrez ITSUPPORT-12 s'il vous plaît", FollowUpIntent.Reopen, "ITSUPPORT-12", null, null)]
    [InlineData("tu peux réouvrir le ticket ?", FollowUpIntent.Reopen, null, null, null)]
    public void Recognizes_french_phrasings(string text, FollowUpIntent intent, string? key, string? number, string? topic)
    {
        var command = FollowUpCommandRecognizer.Recognize(text);

        Assert.NotNull(command);
        Assert.Equal((intent, key, number, topic), (command.Intent, command.Key, command.Number, command.Topic));
    }

    [Theory]
    [InlineData("ajoute un commentaire à ITSUPPORT-12 : ça arrive aussi sur la station d'accueil", "ITSUPPORT-12", null, null, "ça arrive aussi sur la station d'accueil")]
    [InlineData("Ajoutez un commentaire au ticket 12 : le code d'erreur est 0x80070005", null, "12", null, "le code d'erreur est 0x80070005")]
    [InlineData("Pouvez-vous ajouter une note à ITSUPPORT-4 : ligne un\nligne deux", "ITSUPPORT-4", null, null, "ligne un\nligne deux")]
    [InlineData("commentaire pour ITSUPPORT-5 : mon manager a validé", "ITSUPPORT-5", null, null, "mon manager a validé")]
    [InlineData("ajoute un commentaire sur mon ticket VPN : depuis lundi", null, null, "VPN", "depuis lundi")]
    [InlineData("commentez ITSUPPORT-6", "ITSUPPORT-6", null, null, null)]
    [InlineData("ajouter un commentaire : merci", null, null, null, "merci")]
    public void Recognizes_french_comments_with_their_target_and_text(string text, string? key, string? number, string? topic, string? comment)
    {
        var command = FollowUpCommandRecognizer.Recognize(text);

        Assert.NotNull(command);
        Assert.Equal((FollowUpIntent.AddComment, key, number, topic, comment), (command.Intent, command.Key, command.Number, command.Topic, command.Text));
    }

    [Theory]
    [InlineData("Teams se ferme tout seul")]
    [InlineData("Outlook se ferme sans arrêt")]
    [InlineData("PowerPoint se ferme tout seul")]
    [InlineData("je n'arrive pas à fermer la fenêtre")]
    [InlineData("impossible de fermer Excel")]
    [InlineData("Outlook se bloque et je dois le fermer")]
    [InlineData("quand je ferme le couvercle l'écran reste noir")]
    [InlineData("j'ai fermé la session et le VPN a coupé")]
    [InlineData("l'erreur revient à chaque démarrage")]
    [InlineData("le statut Teams reste sur absent")]
    [InlineData("je n'arrive plus à ouvrir mes mails depuis le 12")]
    [InlineData("le commentaire ne s'enregistre pas dans Word")]
    [InlineData("ajoute une note dans OneNote ne marche pas")]
    [InlineData("J'ai besoin d'un ticket")]
    [InlineData("je voudrais ouvrir un ticket pour le VPN")]
    [InlineData("oui ça marche")]
    [InlineData("ça ne marche toujours pas")]
    [InlineData("annuler")]
    public void Leaves_french_problem_descriptions_and_dialog_answers_alone(string text) =>
        Assert.Null(FollowUpCommandRecognizer.Recognize(text));
}
