using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsItBot.Support.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Support.Understanding;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Support.Understanding;

/// <summary>The phrasings of issue 14, each as a conversation.</summary>
public sealed class UnderstandingFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Just_open_a_ticket_asks_for_the_problem_and_never_files_the_request_as_the_problem()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("just open a ticket for me please")
            .AssertReplyContains("describe the problem")
            .Send("I need a ticket")
            .AssertReplyContains("describe the problem in a few words")
            .Send("my docking station stopped charging the laptop")
            .AssertReply(a =>
            {
                Assert.True(SupportBot.IsConfirmCard(a));
                var card = SupportBot.CardJson(a).GetRawText();
                Assert.Contains("my docking station stopped charging the laptop", card);
                Assert.DoesNotContain("Steps already tried", card);
            })
            .Send("yes please")
            .AssertTyping()
            .AssertReplyContains("Created ticket ITSUPPORT-1")
            .StartTestAsync(Ct);

        var draft = Assert.Single(bot.Tickets.Drafts);
        Assert.Equal("my docking station stopped charging the laptop", draft.OriginalProblem);
        Assert.Empty(draft.StepsShown);
    }

    [Theory]
    [InlineData("thanks, bye", "en-US", "You're welcome!")]
    [InlineData("bye", "en-US", "Goodbye!")]
    [InlineData("cheers mate", "en-US", "You're welcome!")]
    [InlineData("hello there, can you help me?", "en-US", "Here's how I can help")]
    [InlineData("Danke, tschüss", "de-DE", "Gern geschehen!")]
    [InlineData("Tschüss", "de-DE", "Tschüss!")]
    [InlineData("merci, au revoir", "fr-FR", "Avec plaisir !")]
    [InlineData("au revoir", "fr-FR", "Au revoir !")]
    [InlineData("gracias, adiós", "es-ES", "¡De nada!")]
    [InlineData("hasta luego", "es-ES", "¡Hasta luego!")]
    [InlineData("???", "en-US", "I didn't quite get that")]
    [InlineData("asdfgh", "en-US", "I didn't quite get that")]
    [InlineData("broken", "en-US", "I didn't quite get that")]
    [InlineData("kaputt", "de-DE", "Das habe ich nicht ganz verstanden")]
    [InlineData("??", "fr-FR", "Je n'ai pas bien compris")]
    [InlineData("roto", "es-ES", "No lo he entendido bien")]
    [InlineData("👍", "en-US", "You're welcome!")]
    [InlineData("👍🏽", "de-DE", "Gern geschehen!")]
    public async Task Small_talk_and_messages_with_nothing_to_troubleshoot_get_an_answer_instead_of_general_steps(string text, string locale, string expected)
    {
        await using var bot = new SupportBot();
        await bot.Flow(new TestAdapter("msteams") { Locale = locale })
            .Send(text)
            .AssertReply(a => Assert.StartsWith(expected, a.Text, StringComparison.Ordinal))
            .AssertNoReply()
            .StartTestAsync(Ct);
    }

    [Theory]
    [InlineData("I need a new mouse", "en-US", "That sounds like a request")]
    [InlineData("could I get a new laptop bag please", "en-US", "That sounds like a request")]
    [InlineData("I'd like a new keyboard", "en-US", "That sounds like a request")]
    [InlineData("Ich brauche eine neue Maus", "de-DE", "Das klingt nach einer Anfrage")]
    [InlineData("J'ai besoin d'un nouveau clavier", "fr-FR", "Cela ressemble à une demande")]
    [InlineData("Necesito un nuevo ratón", "es-ES", "Eso parece una solicitud")]
    public async Task A_request_for_equipment_goes_straight_to_the_ticket_with_the_users_words(string text, string locale, string expected)
    {
        await using var bot = new SupportBot();
        await bot.Flow(new TestAdapter("msteams") { Locale = locale })
            .Send(text)
            .AssertReply(a => Assert.StartsWith(expected, a.Text, StringComparison.Ordinal))
            .AssertReply(a =>
            {
                Assert.True(IsTicketCard(a));
                Assert.Contains(text, SupportBot.CardJson(a).GetRawText(), StringComparison.Ordinal);
            })
            .StartTestAsync(Ct);
    }

    [Theory]
    [InlineData("I need a new password", "Password")]
    [InlineData("can I get a new password, mine expired", "Password")]
    [InlineData("I need a new Teams meeting link, the old one fails", "Teams")]
    [InlineData("can I get a second monitor working with my dock?", "monitor")]
    public async Task A_fault_worded_as_a_request_still_gets_its_guide(string text, string title)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send(text)
            .AssertReply(a => Assert.Contains(title, a.Text, StringComparison.OrdinalIgnoreCase))
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task A_thumbs_up_at_did_that_fix_it_means_fixed()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("Teams is not working")
            .AssertReplyContains("Microsoft Teams is not working")
            .AssertReply(a => Assert.Contains("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
            .Send("👍")
            .AssertReply(a => Assert.DoesNotContain("Did that fix it", a.Text ?? string.Empty, StringComparison.Ordinal))
            .StartTestAsync(Ct);

        Assert.Empty(bot.Tickets.Drafts);
    }

    [Fact]
    public async Task Goodbye_at_did_that_fix_it_leaves_the_problem_open_for_a_later_still_not_working()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("Teams is not working")
            .AssertReplyContains("Microsoft Teams is not working")
            .AssertReply(a => Assert.Contains("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
            .Send("ok bye")
            .AssertReplyContains("still not working")
            .AssertNoReply()
            .Send("still not working")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .StartTestAsync(Ct);
    }

    [Theory]
    [InlineData("what's the status of my ticket?")]
    [InlineData("any update on my ticket")]
    [InlineData("show me my tickets")]
    [InlineData("Wie ist der Status meines Tickets?")]
    public async Task Ticket_status_questions_are_answered_about_tickets_instead_of_troubleshooting(string question)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send(question)
            .AssertReply(a =>
            {
                Assert.Null(a.Attachments);
                Assert.DoesNotContain("not sure which system", a.Text);
                // The follow-up features answer (here: no work account in the test chat) or say where to look.
                Assert.Contains("ticket", a.Text, StringComparison.OrdinalIgnoreCase);
            })
            .AssertNoReply()
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task A_registered_my_tickets_handler_answers_ticket_status_questions()
    {
        var handler = new FakeMyTicketsHandler();
        await using var bot = new SupportBot(configure: s => s.TryAddEnumerable(ServiceDescriptor.Singleton<ISupportIntentHandler>(handler)));
        await bot.Flow()
            .Send("what's the status of my ticket?")
            .AssertReply("You have 2 open tickets.")
            .StartTestAsync(Ct);

        Assert.Equal("what's the status of my ticket?", Assert.Single(handler.Seen).Text);
    }

    [Theory]
    [InlineData("thanks!")]
    [InlineData("yes please")]
    [InlineData("it works now")]
    [InlineData("ja, geht wieder")]
    public async Task Thanks_or_yes_please_at_did_that_fix_it_means_fixed(string answer)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("outlook wont sync")
            .AssertReply(a => Assert.Contains("Outlook", a.Text))
            .AssertReply(a => Assert.Contains("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
            .Send(answer)
            .AssertReply(a => Assert.DoesNotContain("Did that fix it", a.Text ?? string.Empty))
            // Fixed: the one "Did I help?" survey card, not the question again.
            .AssertReply(a => Assert.Contains(FeedbackCards.Verb, SupportBot.CardJson(a).GetRawText(), StringComparison.Ordinal))
            .AssertNoReply()
            .StartTestAsync(Ct);

        Assert.Empty(bot.Tickets.Drafts);
    }

    [Fact]
    public async Task Yes_please_after_the_card_creates_the_ticket()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("vpn wont connect")
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .Send("still broken")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .Send("yes please")
            .AssertTyping()
            .AssertReplyContains("Created ticket ITSUPPORT-1")
            .StartTestAsync(Ct);
    }

    [Theory]
    [InlineData("the coffee machine on floor 3 is leaking")]
    [InlineData("my office chair is broken")]
    [InlineData("where do I send my holiday request")]
    [InlineData("Die Kaffeemaschine im 3. Stock tropft")]
    public async Task Facilities_and_hr_requests_are_called_not_it_and_still_offered_a_ticket(string text)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send(text)
            .AssertReply(a =>
            {
                Assert.DoesNotContain("restart", a.Text, StringComparison.OrdinalIgnoreCase);
                Assert.True(a.Text!.Contains("IT problem", StringComparison.Ordinal) || a.Text.Contains("IT-Problem", StringComparison.Ordinal), a.Text);
            })
            .AssertReply(a =>
            {
                Assert.True(IsTicketCard(a));
                Assert.Contains(text, SupportBot.CardJson(a).GetRawText());
            })
            .StartTestAsync(Ct);
    }

    [Theory]
    [InlineData("Outlook startet nicht", "Probleme mit Outlook oder E-Mail")]
    [InlineData("Mein Drucker druckt nicht mehr", "Druckerprobleme")]
    [InlineData("Mon imprimante n'imprime plus", "Problèmes d'imprimante")]
    [InlineData("Mi portátil no enciende", "El portátil no arranca, batería o pantalla")]
    public async Task A_problem_in_another_language_gets_the_guide_in_that_language(string problem, string title)
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send(problem)
            .AssertReply(a => Assert.Contains(title, a.Text))
            .AssertReply(a => Assert.DoesNotContain("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
            .StartTestAsync(Ct);
    }

    [Fact]
    public async Task A_german_conversation_runs_from_problem_to_ticket_in_german_with_the_users_words_kept()
    {
        await using var bot = new SupportBot();
        var adapter = new TestAdapter("msteams") { Locale = "de-DE" };
        await bot.Flow(adapter)
            .Send("Mein Drucker druckt nicht mehr")
            .AssertReply(a => Assert.Contains("Druckerprobleme", a.Text))
            .AssertReply(a => Assert.Contains("Hat das geholfen?", SupportBot.CardJson(a).GetRawText()))
            .Send("nein, geht immer noch nicht")
            .AssertReply(a =>
            {
                Assert.True(IsTicketCard(a));
                var card = SupportBot.CardJson(a).GetRawText();
                Assert.Contains("JIRA-Ticket erstellen?", card);
                Assert.Contains("Ticket erstellen", card);
                Assert.Contains("Lösungsschritte bereits versucht", card);
                Assert.Contains("Mein Drucker druckt nicht mehr", card);
            })
            .Send("ja bitte")
            .AssertTyping()
            .AssertReplyContains("Ticket ITSUPPORT-1 erstellt")
            .StartTestAsync(Ct);

        var draft = Assert.Single(bot.Tickets.Drafts);
        Assert.Equal("Mein Drucker druckt nicht mehr", draft.OriginalProblem);
        Assert.NotEmpty(draft.StepsShown);
    }

    [Fact]
    public async Task When_two_guides_fit_equally_the_bot_asks_which_one_with_buttons()
    {
        await using var bot = new SupportBot();
        await bot.Flow()
            .Send("outlook and teams")
            .AssertReply(a =>
            {
                var card = SupportBot.CardJson(a).GetRawText();
                Assert.Contains("Which fits best?", card);
                Assert.Contains("Microsoft Teams is not working", card);
                Assert.Contains("Outlook or email problems", card);
            })
            .Send("Microsoft Teams is not working")
            .AssertReply(a => Assert.Contains("**Microsoft Teams is not working**", a.Text))
            .AssertReply(a => Assert.Contains("Did that fix it?", SupportBot.CardJson(a).GetRawText()))
            .StartTestAsync(Ct);
    }

    /// <summary>The confirm card in any language: it carries the create verb.</summary>
    private static bool IsTicketCard(TeamsItBot.Framework.Schema.Activity activity) =>
        activity.Attachments is { Count: 1 } && SupportBot.CardJson(activity).GetRawText().Contains(TeamsItBot.Support.Cards.SupportCards.CreateVerb, StringComparison.Ordinal);

    private sealed class FakeMyTicketsHandler : ISupportIntentHandler
    {
        public List<UnderstoodMessage> Seen { get; } = [];

        public string IntentId => IntentIds.MyTickets;

        public async Task<bool> TryHandleAsync(ITurnContext turnContext, UnderstoodMessage message, CancellationToken cancellationToken)
        {
            Seen.Add(message);
            await turnContext.SendActivityAsync("You have 2 open tickets.", cancellationToken);
            return true;
        }
    }
}
