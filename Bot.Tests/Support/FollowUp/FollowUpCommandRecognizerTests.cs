using TeamsItBot.Support.FollowUp;

namespace TeamsItBot.Tests.Support.FollowUp;

public sealed class FollowUpCommandRecognizerTests
{
    [Theory]
    [InlineData("my tickets", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("show my open tickets", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("What tickets do I have?", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("list my tickets please", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("@IT Bot my open issues", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("zeig mir meine Tickets", FollowUpIntent.MyTickets, null, null, null)]
    [InlineData("status of ITSUPPORT-123", FollowUpIntent.TicketStatus, "ITSUPPORT-123", null, null)]
    [InlineData("status of itsupport-123", FollowUpIntent.TicketStatus, "ITSUPPORT-123", null, null)]
    [InlineData("ITSUPPORT-7?", FollowUpIntent.TicketStatus, "ITSUPPORT-7", null, null)]
    [InlineData("any news on 123?", FollowUpIntent.TicketStatus, null, "123", null)]
    [InlineData("what's the status of ticket #42", FollowUpIntent.TicketStatus, null, "42", null)]
    [InlineData("what's happening with my vpn ticket?", FollowUpIntent.TicketStatus, null, null, "vpn")]
    [InlineData("any update on HR-5", FollowUpIntent.TicketStatus, "HR-5", null, null)]
    [InlineData("it's fixed, close it", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("you can close ITSUPPORT-9, works now", FollowUpIntent.Resolve, "ITSUPPORT-9", null, null)]
    [InlineData("please resolve my ticket", FollowUpIntent.Resolve, null, null, null)]
    [InlineData("it came back", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("the problem is back again", FollowUpIntent.Reopen, null, null, null)]
    [InlineData("reopen ITSUPPORT-3", FollowUpIntent.Reopen, "ITSUPPORT-3", null, null)]
    public void Recognizes_follow_up_phrasings(string text, FollowUpIntent intent, string? key, string? number, string? topic)
    {
        var command = FollowUpCommandRecognizer.Recognize(text);

        Assert.NotNull(command);
        Assert.Equal((intent, key, number, topic), (command.Intent, command.Key, command.Number, command.Topic));
    }

    [Theory]
    [InlineData("add a comment to ITSUPPORT-123: it also happens on the docking station", "ITSUPPORT-123", null, "it also happens on the docking station")]
    [InlineData("Add a note on 123 - the error code is 0x80070005", null, "123", "the error code is 0x80070005")]
    [InlineData("comment on ITSUPPORT-4: line one\nline two", "ITSUPPORT-4", null, "line one\nline two")]
    [InlineData("add a comment to ITSUPPORT-5", "ITSUPPORT-5", null, null)]
    [InlineData("add a comment: my manager approved it", null, null, "my manager approved it")]
    [InlineData("comment on ITSUPPORT-6", "ITSUPPORT-6", null, null)]
    public void Recognizes_comments_with_their_target_and_text(string text, string? key, string? number, string? comment)
    {
        var command = FollowUpCommandRecognizer.Recognize(text);

        Assert.NotNull(command);
        Assert.Equal((FollowUpIntent.AddComment, key, number, comment), (command.Intent, command.Key, command.Number, command.Text));
    }

    [Theory]
    [InlineData("Outlook won't sync")]
    [InlineData("Yes, it's fixed")]
    [InlineData("Still not working")]
    [InlineData("Teams keeps closing")]
    [InlineData("I can't close the app")]
    [InlineData("the window won't close it just hangs")]
    [InlineData("close the browser and try again?")]
    [InlineData("post a message to Teams channel fails")]
    [InlineData("I need a ticket")]
    [InlineData("error 0x80070005 when installing")]
    [InlineData("")]
    [InlineData("help")]
    public void Leaves_problem_descriptions_and_dialog_answers_alone(string text) =>
        Assert.Null(FollowUpCommandRecognizer.Recognize(text));

    [Theory]
    [InlineData("more", true)]
    [InlineData("  Show me more! ", true)]
    [InlineData("more tickets please", true)]
    [InlineData("next", true)]
    [InlineData("Next page", true)]
    [InlineData("mehr", true)]
    [InlineData("Mehr anzeigen", true)]
    [InlineData("weiter", true)]
    [InlineData("nächste Seite", true)]
    [InlineData("voir plus", true)]
    [InlineData("suivant", true)]
    [InlineData("la suite", true)]
    [InlineData("más", true)]
    [InlineData("ver más", true)]
    [InlineData("siguiente", true)]
    [InlineData("tell me more about the VPN", false)]
    [InlineData("I need more disk space", false)]
    [InlineData("more than one monitor flickers", false)]
    [InlineData("next time Outlook crashes", false)]
    [InlineData("plus rien ne marche", false)]
    [InlineData("más lento que nunca", false)]
    [InlineData("", false)]
    public void Show_more_is_only_a_whole_message_asking_for_more(string text, bool expected) =>
        Assert.Equal(expected, FollowUpCommandRecognizer.IsShowMore(text));
}
