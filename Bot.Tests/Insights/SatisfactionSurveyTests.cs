using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Insights;
using TeamsItBot.Support.Cards;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Insights;

/// <summary>
/// The satisfaction card after a resolved ticket, sent in a proactive turn (adapter.ContinueConversationAsync)
/// through the real app to the fake connector, and its answer recorded on the outcome event.
/// </summary>
public sealed class SatisfactionSurveyTests : IAsyncLifetime
{
    private static readonly ChannelAccount Eve = new() { Id = "29:eve", Name = "Eve", AadObjectId = "eeeeeeee-0000-0000-0000-00000000000e" };

    private SupportAppOverDouble _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await SupportAppOverDouble.StartAsync(Token);
        _host.App.StartServer();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_resolved_ticket_gets_one_1_to_5_card_and_the_answer_is_recorded_on_its_outcome_event()
    {
        var conversation = NewConversation();

        Assert.True(await SendSurveyAsync(conversation, "ITSUPPORT-7"));

        var card = SupportBot.CardJson(Assert.Single(_host.Connector.Activities));
        var buttons = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], buttons.Select(b => b.GetProperty("title").GetString()));
        Assert.All(buttons, b => Assert.Equal(SatisfactionCards.Verb, b.GetProperty("verb").GetString()));
        Assert.Contains("ITSUPPORT-7", card.GetRawText(), StringComparison.Ordinal);
        var eventId = buttons[3].GetProperty("data").GetProperty(SatisfactionCards.EventIdKey).GetString()!;

        var thanks = await AnswerAsync(conversation, eventId, 4, TestActivities.Create(ActivityTypes.Invoke, _host.Connector.ServiceUrl).From!);

        Assert.Contains("4 of 5", thanks, StringComparison.Ordinal);
        var recorded = await WaitForEventAsync(e => e.Id == eventId && e.Satisfaction is not null);
        Assert.Equal(4, recorded.Satisfaction);
        Assert.Equal(ProblemOutcome.TicketResolved, recorded.Outcome);
        Assert.True(recorded.Surveyed);
    }

    [Fact]
    public async Task Someone_elses_answer_is_not_recorded()
    {
        var conversation = NewConversation();
        Assert.True(await SendSurveyAsync(conversation, "ITSUPPORT-8"));
        var eventId = SupportBot.CardJson(Assert.Single(_host.Connector.Activities)).GetProperty("actions")[0]
            .GetProperty("data").GetProperty(SatisfactionCards.EventIdKey).GetString()!;

        await AnswerAsync(conversation, eventId, 1, Eve);
        await AnswerAsync(conversation, eventId, 5, TestActivities.Create(ActivityTypes.Invoke, _host.Connector.ServiceUrl).From!);

        var recorded = await WaitForEventAsync(e => e.Id == eventId && e.Satisfaction is not null);
        Assert.Equal(5, recorded.Satisfaction);
    }

    [Fact]
    public async Task At_most_one_survey_per_user_per_period_and_none_in_group_chats()
    {
        Assert.True(await SendSurveyAsync(NewConversation(), "ITSUPPORT-9"));
        await WaitForEventAsync(e => e.Outcome == ProblemOutcome.TicketResolved);

        var again = await SendSurveyAsync(NewConversation(), "ITSUPPORT-10");
        var group = NewConversation() with
        {
            Conversation = new ConversationAccount { Id = "19:group-" + Guid.NewGuid().ToString("N")[..8], TenantId = TestActivities.TenantId, ConversationType = "groupChat", IsGroup = true },
            User = Eve,
        };
        var inGroup = await SendSurveyAsync(group, "ITSUPPORT-11");

        Assert.False(again);
        Assert.False(inGroup);
        Assert.Single(_host.Connector.Activities);
    }

    [Fact]
    public async Task A_user_asked_Did_I_help_recently_gets_no_satisfaction_card()
    {
        var store = _host.App.Services.GetRequiredService<IOutcomeEventStore>();
        var userHash = _host.App.Services.GetRequiredService<SurveyRules>().HashUser(TestActivities.Message(_host.Connector.ServiceUrl));
        await store.AddAsync([new OutcomeEvent { Id = "solved-1", Time = DateTimeOffset.UtcNow.AddDays(-3), UserHash = userHash, Outcome = ProblemOutcome.Solved, Surveyed = true }], Token);

        Assert.False(await SendSurveyAsync(NewConversation(), "ITSUPPORT-12"));
        Assert.Empty(_host.Connector.Requests);
    }

    private ConversationReference NewConversation() =>
        ConversationReference.From(TestActivities.Message(_host.Connector.ServiceUrl, conversationId: "a:sat-" + Guid.NewGuid().ToString("N")[..8]));

    private async Task<bool> SendSurveyAsync(ConversationReference reference, string ticketKey)
    {
        var adapter = _host.App.Services.GetRequiredService<CloudAdapter>();
        var survey = _host.App.Services.GetRequiredService<SatisfactionSurvey>();
        var sent = false;
        await adapter.ContinueConversationAsync(reference, async (turn, ct) => sent = await survey.TrySendAsync(turn, ticketKey, ct), Token);
        return sent;
    }

    private async Task<string> AnswerAsync(ConversationReference reference, string eventId, int score, ChannelAccount from)
    {
        var invoke = TestActivities.Create(ActivityTypes.Invoke, _host.Connector.ServiceUrl, conversationId: reference.Conversation.Id!);
        invoke.From = from;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", verb = SatisfactionCards.Verb, data = new Dictionary<string, object> { [SatisfactionCards.EventIdKey] = eventId, [SatisfactionCards.ScoreKey] = score } },
            trigger = "manual",
        });
        using var response = await _host.App.PostActivityAsync(invoke, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        return body.GetProperty("value").GetRawText();
    }

    private async Task<OutcomeEvent> WaitForEventAsync(Func<OutcomeEvent, bool> match)
    {
        var store = _host.App.Services.GetRequiredService<IOutcomeEventStore>();
        for (var i = 0; i < 200; i++)
        {
            var events = await store.QueryAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), Token);
            if (events.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(25, Token);
        }

        throw new TimeoutException("The outcome event was not stored.");
    }
}
