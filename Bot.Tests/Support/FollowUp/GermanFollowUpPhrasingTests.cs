using TeamsItBot.Support.FollowUp;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>German phrasings (Sie and du, with and without umlauts, common typos) and German problems that stay problems.</summary>
public sealed class GermanFollowUpPhrasingTests
{
    [Theory]
    [InlineData("meine Tickets", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("Zeig mir bitte meine offenen Tickets", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("Welche Tickets habe ich?", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("Status meiner Anfragen", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("Status von ITSUPPORT-12", FollowUpIntent.TicketStatus, "ITSUPPORT-12", null, null)]
    [InlineData("Wie ist der Stand bei ITSUPPORT-12?", FollowUpIntent.TicketStatus, "ITSUPPORT-12", null, null)]
    [InlineData("Was ist mit ITSUPPORT-12?", FollowUpIntent.TicketStatus, "ITSUPPORT-12", null, null)]
    [InlineData("gibt es Neuigkeiten zu 12?", FollowUpIntent.TicketStatus, null, "12", null)]
    [InlineData("Gibt's was Neues zum Ticket 12", FollowUpIntent.TicketStatus, null, "12", null)]
    [InlineData("Wie steht es um Nr. 7?", FollowUpIntent.TicketStatus, null, "7", null)]
    [InlineData("was ist mit meinem VPN-Ticket?", FollowUpIntent.TicketStatus, null, null, "VPN")]
    [InlineData("Wie weit ist mein Drucker Ticket", FollowUpIntent.TicketStatus, null, null, "Drucker")]
    [InlineData("Was gibt es Neues zu meinem Ticket wegen Outlook?", FollowUpIntent.TicketStatus, null, null, "Outlook")]
    [InlineData("es geht wieder, bitte schließen", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("es geht wieder, bitte schliessen", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("Funktioniert wieder, schliesen bitte", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("Sie können das Ticket schließen", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("kannst du es zumachen?", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("ITSUPPORT-12 schließen", FollowUpIntent.Resolve, "ITSUPPORT-12", null, null)]
    [InlineData("Kein Problem mehr, das Ticket kann geschlossen werden", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("Mach das Ticket zu, alles gut", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("das Problem ist wieder da", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("Es ist wieder da", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("Der Fehler tritt wieder auf", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("Der Fehler ist zurück", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("das problem ist zurueck", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("ITSUPPORT-12 wieder öffnen", FollowUpIntent.Reopen, "ITSUPPORT-12", null, null)]
    [InlineData("Öffnen Sie das Ticket bitte wieder", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("oeffne ITSUPPORT-3 wieder", FollowUpIntent.Reopen, "ITSUPPORT-3", null, null)]
    public void Recognizes_german_phrasings(string text, FollowUpIntent intent, string? key, string? number, string? topic)
    {
        var command = FollowUpCommandRecognizer.Recognize(text);

        Assert.NotNull(command);
        Assert.Equal((intent, key, number, topic), (command.Intent, command.Key, command.Number, command.Topic));
    }

    [Theory]
    [InlineData("Kommentar zu ITSUPPORT-12: passiert auch an der Dockingstation", "ITSUPPORT-12", null, null, "passiert auch an der Dockingstation")]
    [InlineData("Füge einen Kommentar zu ITSUPPORT-12 hinzu: Fehlercode 0x80070005", "ITSUPPORT-12", null, null, "Fehlercode 0x80070005")]
    [InlineData("fuege einen Kommentar zu 12 hinzu: mein Chef hat zugestimmt", null, "12", null, "mein Chef hat zugestimmt")]
    [InlineData("Können Sie einen Kommentar zum Ticket 12 hinzufügen: Zeile eins\nZeile zwei", null, "12", null, "Zeile eins\nZeile zwei")]
    [InlineData("Kommentar zu meinem VPN-Ticket: seit Montag täglich", null, null, "VPN", "seit Montag täglich")]
    [InlineData("Notiz zu ITSUPPORT-4 - Neustart hat nicht geholfen", "ITSUPPORT-4", null, null, "Neustart hat nicht geholfen")]
    [InlineData("Kommentar zu ITSUPPORT-5", "ITSUPPORT-5", null, null, null)]
    [InlineData("Kommentar hinzufügen", null, null, null, null)]
    public void Recognizes_german_comments_with_their_target_and_text(string text, string? key, string? number, string? topic, string? comment)
    {
        var command = FollowUpCommandRecognizer.Recognize(text);

        Assert.NotNull(command);
        Assert.Equal((FollowUpIntent.AddComment, key, number, topic, comment), (command.Intent, command.Key, command.Number, command.Topic, command.Text));
    }

    [Theory]
    [InlineData("Outlook schließt sich ständig")]
    [InlineData("Teams schließt sich beim Start")]
    [InlineData("ich kann das Fenster nicht schließen")]
    [InlineData("Das Fenster lässt sich nicht schliessen")]
    [InlineData("Outlook hängt und ich muss es schließen")]
    [InlineData("Beim Schließen von Excel stürzt es ab")]
    [InlineData("Wenn ich es schließe, friert alles ein")]
    [InlineData("Bitte Outlook schließen und neu starten hat nichts gebracht")]
    [InlineData("Die Fehlermeldung kommt immer wieder")]
    [InlineData("Das Internet ist wieder da")]
    [InlineData("Outlook öffnet sich nicht wieder")]
    [InlineData("Kommentare in Word werden nicht angezeigt")]
    [InlineData("Kommentar in Word fehlt")]
    [InlineData("Schreibe eine Nachricht an Max: geht nicht")]
    [InlineData("Mein Status in Teams zeigt immer abwesend")]
    [InlineData("seit dem 12. Mai geht das VPN nicht")]
    [InlineData("Gibt es Neuigkeiten? Das Update von 12 Uhr ist hängen geblieben")]
    [InlineData("Ich brauche ein Ticket")]
    [InlineData("Ich möchte ein Ticket zum VPN eröffnen")]
    [InlineData("ja, es geht wieder")]
    [InlineData("geht immer noch nicht")]
    [InlineData("abbrechen")]
    public void Leaves_german_problem_descriptions_and_dialog_answers_alone(string text) =>
        Assert.Null(FollowUpCommandRecognizer.Recognize(text));
}
