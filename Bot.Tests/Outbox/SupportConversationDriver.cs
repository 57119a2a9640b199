using System.Net.Http.Json;
using System.Text.Json;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Outbox;

/// <summary>Drives the support conversation over real HTTP (/api/messages) and reads the bot's side at a <see cref="FakeConnector"/>.</summary>
internal sealed class SupportConversationDriver(FakeConnector connector, string conversationId)
{
    public string ConversationId { get; } = conversationId;

    /// <summary>POSTs an activity to a bot instance at <paramref name="bot"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(Uri bot, Activity activity, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(60) };
        return await client.PostAsJsonAsync("api/messages", activity, BotJson.Options, cancellationToken);
    }

    /// <summary>The Teams client's locale sent with every activity (null: none).</summary>
    public string? Locale { get; init; }

    public Activity Message(string text)
    {
        var message = TestActivities.Message(connector.ServiceUrl, text, conversationId: ConversationId);
        message.Locale = Locale;
        return message;
    }

    /// <summary>Problem, "didn't help", and the confirm card: returns its draft id.</summary>
    public async Task<string> ReachConfirmCardAsync(Uri bot, CancellationToken cancellationToken) =>
        await ReachConfirmCardAsync(bot, bot, cancellationToken);

    /// <summary>The same, with the two turns going to two instances.</summary>
    public async Task<string> ReachConfirmCardAsync(Uri first, Uri second, CancellationToken cancellationToken)
    {
        (await PostAsync(first, Message("Teams is not working"), cancellationToken)).EnsureSuccessStatusCode();
        (await PostAsync(second, Message("didn't help"), cancellationToken)).EnsureSuccessStatusCode();
        var card = connector.Activities.Last(a => a.Conversation?.Id == ConversationId && SupportBot.IsConfirmCard(a));
        return SupportBot.DraftIdOf(card);
    }

    /// <summary>The Action.Execute invoke of the "Create ticket" button.</summary>
    public Activity Execute(string draftId, string? id = null)
    {
        var invoke = TestActivities.Create(ActivityTypes.Invoke, connector.ServiceUrl, id, ConversationId);
        invoke.Name = "adaptiveCard/action";
        invoke.Locale = Locale;
        invoke.ReplyToId = "card-of-" + draftId;
        invoke.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", verb = "createTicket", data = new { draftId } },
            trigger = "manual",
        });
        return invoke;
    }

    /// <summary>The Action.Submit fallback of the same button (a message whose value carries the verb).</summary>
    public Activity Submit(string draftId)
    {
        var submit = TestActivities.Create(ActivityTypes.Message, connector.ServiceUrl, conversationId: ConversationId);
        submit.ReplyToId = "card-of-" + draftId;
        submit.Value = JsonSerializer.SerializeToElement(new { draftId, verb = "createTicket" });
        return submit;
    }

    /// <summary>Texts the bot sent to this conversation.</summary>
    public IReadOnlyList<string> Texts =>
        [.. connector.Activities.Where(a => a.Conversation?.Id == ConversationId && a.Text is not null).Select(a => a.Text!)];

    /// <summary>The cards that replaced a card of this conversation (update activity), as JSON text.</summary>
    public IReadOnlyList<string> CardUpdates =>
        [.. connector.Requests.Where(r => r.Operation == FakeConnectorOperation.UpdateActivity && r.ConversationId == ConversationId && r.Activity is not null)
            .Select(r => SupportBot.CardJson(r.Activity!).GetRawText())];

    /// <summary>Waits until a card of this conversation was replaced by one containing <paramref name="text"/> (replacements run beside the turn).</summary>
    public async Task WaitForCardUpdateAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!CardUpdates.Any(c => c.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No card of {ConversationId} was replaced by one with '{text}'.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the bot said something containing <paramref name="text"/> here (background notices).</summary>
    public async Task WaitForTextAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Texts.Any(t => t.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The bot never said '{text}' in {ConversationId}. It said: {string.Join(" | ", Texts)}");
            }

            await Task.Delay(50);
        }
    }
}
