using TeamsItBot.Support.Conversation;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Support;

/// <summary>At the "Create JIRA ticket?" card, every confirmation phrase typed creates the ticket and every decline phrase does not.</summary>
public sealed class TypedConfirmationTests
{
    private static TestFlow ToTheConfirmCard(SupportBot bot) => bot.Flow(new TestAdapter("msteams"))
        .Send("Teams is not working")
        .AssertReply(a => Assert.Contains("Microsoft Teams", a.Text))
        .AssertReply(a => Assert.Contains("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
        .Send("Still not working")
        .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a), "expected the confirm card"));

    [Theory]
    [MemberData(nameof(UtterancePhrases.Confirm), MemberType = typeof(UtterancePhrases))]
    public async Task Every_confirmation_phrase_typed_at_the_card_creates_the_ticket(string phrase)
    {
        await using var bot = new SupportBot();

        await ToTheConfirmCard(bot)
            .Send(phrase)
            .AssertTyping()
            .AssertReply(a => Assert.StartsWith("Created ticket ITSUPPORT-1", a.Text))
            .StartTestAsync(TestContext.Current.CancellationToken);

        Assert.Single(bot.Tickets.Drafts);
    }

    [Theory]
    [MemberData(nameof(UtterancePhrases.Decline), MemberType = typeof(UtterancePhrases))]
    public async Task Every_decline_phrase_typed_at_the_card_creates_no_ticket(string phrase)
    {
        await using var bot = new SupportBot();

        await ToTheConfirmCard(bot)
            .Send(phrase)
            .AssertReply(SupportReplies.Declined)
            .StartTestAsync(TestContext.Current.CancellationToken);

        Assert.Empty(bot.Tickets.Drafts);
    }
}
