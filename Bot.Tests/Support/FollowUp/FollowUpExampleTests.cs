using System.Text.RegularExpressions;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.FollowUp;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>The phrasings the bot suggests, in every language, are ones it then understands.</summary>
public sealed partial class FollowUpExampleTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Help_lists_the_ticket_commands_with_examples_that_work(string language)
    {
        var help = ReplyTranslations.Translate(SupportReplies.Help, language);

        var bullet = Assert.Single(help.Split('\n'), line => line.Contains("ITSUPPORT-123", StringComparison.Ordinal));
        Assert.Equal(
            [FollowUpIntent.MyTickets, FollowUpIntent.AddComment, FollowUpIntent.Resolve, FollowUpIntent.Reopen],
            Quoted(bullet).Select(example => FollowUpCommandRecognizer.Recognize(example)?.Intent));
    }

    [Theory]
    [InlineData("en", "check", FollowUpIntent.TicketStatus)]
    [InlineData("de", "check", FollowUpIntent.TicketStatus)]
    [InlineData("fr", "check", FollowUpIntent.TicketStatus)]
    [InlineData("es", "check", FollowUpIntent.TicketStatus)]
    [InlineData("en", "comment on", FollowUpIntent.AddComment)]
    [InlineData("de", "comment on", FollowUpIntent.AddComment)]
    [InlineData("fr", "comment on", FollowUpIntent.AddComment)]
    [InlineData("es", "comment on", FollowUpIntent.AddComment)]
    [InlineData("en", "close", FollowUpIntent.Resolve)]
    [InlineData("de", "close", FollowUpIntent.Resolve)]
    [InlineData("fr", "close", FollowUpIntent.Resolve)]
    [InlineData("es", "close", FollowUpIntent.Resolve)]
    [InlineData("en", "reopen", FollowUpIntent.Reopen)]
    [InlineData("de", "reopen", FollowUpIntent.Reopen)]
    [InlineData("fr", "reopen", FollowUpIntent.Reopen)]
    [InlineData("es", "reopen", FollowUpIntent.Reopen)]
    public void Which_ticket_question_is_translated_and_its_examples_work(string language, string action, FollowUpIntent intent)
    {
        var english = FollowUpReplies.WhichTicket(action);
        var question = ReplyTranslations.Translate(english, language);

        if (language != "en") Assert.NotEqual(english, question);
        var examples = Quoted(question);
        Assert.Equal(2, examples.Count);
        var command = FollowUpCommandRecognizer.Recognize(examples[0]);
        Assert.Equal((intent, "ITSUPPORT-123"), (command?.Intent, command?.Key));
        Assert.Equal(FollowUpIntent.MyTickets, FollowUpCommandRecognizer.Recognize(examples[1])?.Intent);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Closed_reply_suggests_words_that_reopen_the_ticket(string language)
    {
        var reply = ReplyTranslations.Translate(FollowUpReplies.Resolved("ITSUPPORT-7"), language);

        Assert.Equal(FollowUpIntent.Reopen, FollowUpCommandRecognizer.Recognize(Assert.Single(Quoted(reply)))?.Intent);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Not_found_reply_suggests_words_that_list_the_tickets(string language)
    {
        var reply = ReplyTranslations.Translate(FollowUpReplies.NotFound("ITSUPPORT-7", "ITSUPPORT"), language);

        Assert.Equal(FollowUpIntent.MyTickets, FollowUpCommandRecognizer.Recognize(Assert.Single(Quoted(reply)))?.Intent);
    }

    /// <summary>The phrases in "straight quotes" or « guillemets ».</summary>
    private static List<string> Quoted(string text) => [.. QuotePattern().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];

    [GeneratedRegex("\"([^\"]+)\"|«\\s*([^»]+?)\\s*»")]
    private static partial Regex QuotePattern();
}
