using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Outbox;

/// <summary>Notices told later (queued, created in the background) in the language of the conversation, over HTTP with the outbox's worker.</summary>
public sealed class LocalizedNoticeTests : IAsyncLifetime
{
    private McpAtlassianDouble _jira = null!;
    private FakeConnector _connector = null!;
    private BotApplicationFactory? _app;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _jira = await McpAtlassianDouble.StartAsync();
        _connector = await FakeConnector.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await _connector.DisposeAsync();
        await _jira.DisposeAsync();
    }

    [Theory]
    [InlineData("de-DE", "Teams funktioniert nicht", "geht immer noch nicht", "Ticket vorgemerkt", "Gute Nachricht: Ihr vorgemerktes Ticket wurde erstellt: ITSUPPORT-1", "Ticket ITSUPPORT-1 erstellt")]
    [InlineData("fr-FR", "Teams ne marche pas", "ça ne marche toujours pas", "Ticket en file d'attente", "Bonne nouvelle : votre ticket en attente a été créé : ITSUPPORT-1", "Ticket ITSUPPORT-1 créé")]
    [InlineData("es-ES", "Teams no funciona", "sigue sin funcionar", "Ticket en cola", "Buenas noticias: su ticket en cola se ha creado: ITSUPPORT-1", "Ticket ITSUPPORT-1 creado")]
    public async Task Queued_ticket_is_announced_later_in_the_conversations_language(string locale, string problem, string notFixed, string queuedCard, string createdLater, string createdCard)
    {
        _app = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        foreach (var (key, value) in BotSettings.ForDouble(_jira, 5))
        {
            _app.Settings[key] = value;
        }

        var bot = _app.ServerAddress;
        var chat = new SupportConversationDriver(_connector, "a:localized-" + locale) { Locale = locale };
        (await SupportConversationDriver.PostAsync(bot, chat.Message(problem), Token)).EnsureSuccessStatusCode();
        (await SupportConversationDriver.PostAsync(bot, chat.Message(notFixed), Token)).EnsureSuccessStatusCode();
        // The last card is the ticket card (its title is translated, so it is found by its draft id).
        var card = _connector.Activities.Last(a => a.Conversation?.Id == chat.ConversationId && a.Attachments is { Count: 1 });
        _jira.FailNext(10_000);

        var queued = await SupportConversationDriver.PostAsync(bot, chat.Execute(Support.SupportBot.DraftIdOf(card!)), Token);

        Assert.Contains(queuedCard, Strings(System.Text.Json.JsonDocument.Parse(await queued.Content.ReadAsStringAsync(Token)).RootElement), StringComparison.Ordinal);
        Assert.DoesNotContain(chat.Texts, t => t.Contains("I've queued your ticket", StringComparison.Ordinal));
        _jira.FailNext(0);
        await chat.WaitForTextAsync(createdLater, TimeSpan.FromSeconds(20));
        await WaitForCardUpdateAsync(chat, createdCard);
        Assert.DoesNotContain(chat.Texts, t => t.Contains("Good news", StringComparison.Ordinal));
    }

    /// <summary>Every string in the JSON, unescaped and joined (the wire may escape accents).</summary>
    private static string Strings(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => element.GetString() + "\n",
        System.Text.Json.JsonValueKind.Object => string.Concat(element.EnumerateObject().Select(p => Strings(p.Value))),
        System.Text.Json.JsonValueKind.Array => string.Concat(element.EnumerateArray().Select(Strings)),
        _ => string.Empty,
    };

    private static async Task WaitForCardUpdateAsync(SupportConversationDriver chat, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!chat.CardUpdates.Any(c => Strings(System.Text.Json.JsonDocument.Parse(c).RootElement).Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no card update with '{text}'");
            await Task.Delay(50, Token);
        }
    }
}
