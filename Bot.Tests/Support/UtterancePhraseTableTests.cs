using TeamsItBot.Support.Conversation;

namespace TeamsItBot.Tests.Support;

/// <summary>Every phrase of every word list, as typed (and as typed with a capital and a "!").</summary>
public sealed class UtterancePhraseTableTests
{
    private static IEnumerable<string> AsTyped(string phrase) => [phrase, char.ToUpperInvariant(phrase[0]) + phrase[1..] + "!"];

    [Theory]
    [MemberData(nameof(UtterancePhrases.Confirm), MemberType = typeof(UtterancePhrases))]
    public void Every_confirmation_phrase_confirms_and_does_not_decline(string phrase) =>
        Assert.All(AsTyped(phrase), text => Assert.True(Utterances.IsConfirm(text) && !Utterances.IsDecline(text), text));

    [Theory]
    [MemberData(nameof(UtterancePhrases.Decline), MemberType = typeof(UtterancePhrases))]
    public void Every_decline_phrase_declines_and_does_not_confirm(string phrase) =>
        Assert.All(AsTyped(phrase), text => Assert.True(Utterances.IsDecline(text) && !Utterances.IsConfirm(text), text));

    [Theory]
    [MemberData(nameof(UtterancePhrases.Fixed), MemberType = typeof(UtterancePhrases))]
    public void Every_fixed_phrase_means_fixed(string phrase) =>
        Assert.All(AsTyped(phrase), text => Assert.True(Utterances.IsFixed(text) && !Utterances.IsNotFixed(text), text));

    [Theory]
    [MemberData(nameof(UtterancePhrases.NotFixed), MemberType = typeof(UtterancePhrases))]
    public void Every_not_fixed_phrase_means_not_fixed(string phrase) =>
        Assert.All(AsTyped(phrase), text => Assert.True(Utterances.IsNotFixed(text) && !Utterances.IsFixed(text), text));

    [Theory]
    [MemberData(nameof(UtterancePhrases.TicketRequest), MemberType = typeof(UtterancePhrases))]
    public void Every_ticket_request_phrase_asks_for_a_ticket_without_a_description(string phrase) =>
        Assert.All(AsTyped(phrase), text =>
        {
            Assert.True(Utterances.IsTicketRequest(text, out var description), text);
            Assert.Null(description);
        });

    [Theory]
    [MemberData(nameof(UtterancePhrases.Cancel), MemberType = typeof(UtterancePhrases))]
    public void Every_cancel_phrase_cancels(string phrase) => Assert.All(AsTyped(phrase), text => Assert.True(Utterances.IsCancel(text), text));

    [Theory]
    [MemberData(nameof(UtterancePhrases.Help), MemberType = typeof(UtterancePhrases))]
    public void Every_help_phrase_asks_for_help(string phrase) => Assert.All(AsTyped(phrase), text => Assert.True(Utterances.IsHelp(text), text));

    [Theory]
    [MemberData(nameof(UtterancePhrases.Greeting), MemberType = typeof(UtterancePhrases))]
    public void Every_greeting_phrase_greets(string phrase) => Assert.All(AsTyped(phrase), text => Assert.True(Utterances.IsGreeting(text), text));

    [Theory]
    [MemberData(nameof(UtterancePhrases.Thanks), MemberType = typeof(UtterancePhrases))]
    public void Every_thanks_phrase_thanks(string phrase) => Assert.All(AsTyped(phrase), text => Assert.True(Utterances.IsThanks(text), text));
}
