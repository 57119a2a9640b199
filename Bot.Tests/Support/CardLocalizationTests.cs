using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Support;

/// <summary>What the turn's translation reaches on a card: inputs' placeholders and the Submit fallback of an Execute, as objects and as JSON.</summary>
public sealed class CardLocalizationTests
{
    private static readonly AdaptiveCard Card = new()
    {
        Body = [new InputText { Id = "comment_ITSUPPORT_1", Placeholder = "Anything to add?", IsMultiline = true }],
        Actions = [ActionExecute.WithSubmitFallback("Add a comment", "itbot.addComment", new Dictionary<string, object?>())],
    };

    [Theory]
    [InlineData(false, "de", "Möchten Sie etwas ergänzen?", "Kommentar hinzufügen")]
    [InlineData(true, "de", "Möchten Sie etwas ergänzen?", "Kommentar hinzufügen")]
    [InlineData(false, "es", "¿Algo que añadir?", "Añadir un comentario")]
    [InlineData(true, "fr", "Quelque chose à ajouter ?", "Ajouter un commentaire")]
    public async Task Placeholder_and_submit_fallback_title_are_translated(bool asJson, string language, string placeholder, string title)
    {
        var adapter = new TestAdapter("msteams");
        var message = Activity.CreateMessageActivity();
        message.Attachments = [asJson
            ? new Attachment { ContentType = AdaptiveCard.ContentType, Content = JsonSerializer.SerializeToElement(Card, BotJson.Options) }
            : Card.ToAttachment()];

        await adapter.ProcessActivityAsync(adapter.MakeActivity("hi"), async (turn, ct) =>
        {
            turn.TurnState[LocalizingTurnContext.LanguageKey] = language;
            await new LocalizingTurnContext(turn).SendActivityAsync(message, ct);
        }, TestContext.Current.CancellationToken);

        var card = SupportBot.CardJson(adapter.GetNextReply()!);
        Assert.Equal(placeholder, card.GetProperty("body")[0].GetProperty("placeholder").GetString());
        var action = card.GetProperty("actions")[0];
        Assert.Equal(title, action.GetProperty("title").GetString());
        Assert.Equal(title, action.GetProperty("fallback").GetProperty("title").GetString());
    }
}
