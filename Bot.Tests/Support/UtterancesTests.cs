using TeamsItBot.Support.Conversation;

namespace TeamsItBot.Tests.Support;

public sealed class UtterancesTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("Yes please")]
    [InlineData("yeah")]
    [InlineData("Sure!")]
    [InlineData("ok")]
    [InlineData("OK.")]
    [InlineData("okay")]
    [InlineData("create ticket")]
    [InlineData("Create a ticket")]
    [InlineData("go ahead")]
    [InlineData("please create")]
    [InlineData("yes create")]
    [InlineData("Yes, please!")]
    public void Confirmation_words_of_the_original_design_confirm(string text) => Assert.True(Utterances.IsConfirm(text));

    [Theory]
    [InlineData("no")]
    [InlineData("No thanks")]
    [InlineData("nope")]
    [InlineData("don't create it")]
    public void Decline_words_decline(string text)
    {
        Assert.True(Utterances.IsDecline(text));
        Assert.False(Utterances.IsConfirm(text));
    }

    [Theory]
    [InlineData("Still not working")]
    [InlineData("Didn't help")]
    [InlineData("didnt work")]
    [InlineData("no")]
    [InlineData("same problem")]
    public void Not_fixed_phrases_are_recognised(string text) => Assert.True(Utterances.IsNotFixed(text));

    [Theory]
    [InlineData("nope, it's still broken")]
    [InlineData("that did not help at all")]
    [InlineData("no luck with any of those")]
    public void Longer_not_fixed_answers_look_not_fixed(string text)
    {
        Assert.True(Utterances.LooksNotFixed(text));
        Assert.False(Utterances.LooksFixed(text));
    }

    [Theory]
    [InlineData("yes it's fixed")]
    [InlineData("That worked, thanks")]
    public void Fixed_answers_look_fixed(string text) => Assert.True(Utterances.IsFixed(text) || Utterances.LooksFixed(text));

    [Theory]
    [InlineData("I need a ticket", null)]
    [InlineData("ticket", null)]
    [InlineData("Can you open a ticket?", null)]
    [InlineData("Please open a ticket for my broken keyboard", "my broken keyboard")]
    [InlineData("raise a ticket: the scanner on floor 3 is jammed", "the scanner on floor 3 is jammed")]
    [InlineData("I need a support ticket because my laptop fan is loud", "my laptop fan is loud")]
    public void Ticket_requests_are_recognised_with_their_description(string text, string? description)
    {
        Assert.True(Utterances.IsTicketRequest(text, out var found));
        Assert.Equal(description, found);
    }

    [Theory]
    [InlineData("Teams is not working")]
    [InlineData("my ticket ITSUPPORT-4 is still open")]
    [InlineData("yes")]
    public void Other_text_is_not_a_ticket_request(string text) => Assert.False(Utterances.IsTicketRequest(text, out _));

    [Theory]
    [InlineData("help")]
    [InlineData("Help!")]
    [InlineData("what can you do?")]
    public void Help_is_recognised(string text) => Assert.True(Utterances.IsHelp(text));

    [Theory]
    [InlineData("cancel")]
    [InlineData("Start over")]
    [InlineData("new problem")]
    public void Cancel_is_recognised(string text) => Assert.True(Utterances.IsCancel(text));

    [Fact]
    public void Normalize_folds_case_apostrophes_and_punctuation()
    {
        Assert.Equal("it didnt help", Utterances.Normalize("  It didn’t   help!! "));
        Assert.Equal("?", Utterances.Normalize("?"));
        Assert.Equal(string.Empty, Utterances.Normalize("   "));
    }
}
