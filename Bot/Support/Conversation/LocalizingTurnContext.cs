using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// The turn as the dialogs see it: everything sent or updated passes through <see cref="ReplyTranslations"/>
/// in the user's language (decided at the start of the turn), so prompts and cards need no language
/// plumbing. Text the user typed is never translated: it lives in the cards' plain text runs, which are left alone.
/// </summary>
public sealed class LocalizingTurnContext(ITurnContext inner) : ITurnContext
{
    public const string LanguageKey = "ItSupport.Language";

    private static readonly string[] InputWording = ["placeholder", "label"];

    public BotAdapter Adapter => inner.Adapter;

    public Activity Activity => inner.Activity;

    public IDictionary<string, object?> TurnState => inner.TurnState;

    public bool Responded => inner.Responded;

    private string? Language => inner.TurnState.TryGetValue(LanguageKey, out var value) ? value as string : null;

    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default) =>
        inner.SendActivityAsync(Localize(activity), cancellationToken);

    public Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default) =>
        inner.SendActivitiesAsync([.. activities.Select(Localize)], cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default) =>
        inner.UpdateActivityAsync(Localize(activity), cancellationToken);

    /// <summary>The language decided for this turn ("de"), or null before it is decided.</summary>
    public static string? LanguageOf(ITurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TurnState.TryGetValue(LanguageKey, out var value) ? value as string : null;
    }

    public static AdaptiveCard Localize(AdaptiveCard card, string? language) => language is null or "en"
        ? card
        : card with
        {
            Body = [.. card.Body.Select(e => Localize(e, language))],
            Actions = card.Actions is null ? null : [.. card.Actions.Select(a => Localize(a, language))],
            FallbackText = card.FallbackText is null ? null : ReplyTranslations.Translate(card.FallbackText, language),
        };

    private Activity Localize(Activity activity)
    {
        var language = Language;
        if (language is null or "en")
        {
            return activity;
        }

        if (activity.Text is { } text)
        {
            activity.Text = ReplyTranslations.Translate(text, language);
        }

        if (activity.Attachments is { Count: > 0 } attachments)
        {
            activity.Attachments = [.. attachments.Select(a => a.Content switch
            {
                AdaptiveCard card => new Attachment { ContentType = a.ContentType, Content = Localize(card, language), Name = a.Name },

                // Prompts store their activity as JSON (a clone per send): the card arrives as a document.
                JsonElement { ValueKind: JsonValueKind.Object } json when a.ContentType == AdaptiveCard.ContentType =>
                    new Attachment { ContentType = a.ContentType, Content = Localize(JsonNode.Parse(json.GetRawText())!, language), Name = a.Name },
                _ => a,
            })];
        }

        return activity;
    }

    /// <summary>TextBlocks' text, actions' titles, inputs' placeholders and labels, and the fallback text; text runs (the user's words) stay as they are.</summary>
    private static JsonNode Localize(JsonNode node, string language)
    {
        if (node is JsonObject obj)
        {
            var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
            if (type == "TextBlock" && obj["text"] is JsonValue text && text.TryGetValue<string>(out var value))
            {
                obj["text"] = ReplyTranslations.Translate(value, language);
            }

            if (type is not null && type.StartsWith("Action.", StringComparison.Ordinal) && obj["title"] is JsonValue title && title.TryGetValue<string>(out var label))
            {
                obj["title"] = ReplyTranslations.Translate(label, language);
            }

            if (type == "Input.Text")
            {
                foreach (var property in InputWording)
                {
                    if (obj[property] is JsonValue v && v.TryGetValue<string>(out var wording)) obj[property] = ReplyTranslations.Translate(wording, language);
                }
            }

            if (type == "AdaptiveCard" && obj["fallbackText"] is JsonValue fallback && fallback.TryGetValue<string>(out var fallbackText))
            {
                obj["fallbackText"] = ReplyTranslations.Translate(fallbackText, language);
            }

            foreach (var child in obj.Select(p => p.Value).Where(v => v is JsonObject or JsonArray).ToList())
            {
                Localize(child!, language);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.Where(i => i is not null).ToList())
            {
                Localize(item!, language);
            }
        }

        return node;
    }

    private static CardElement Localize(CardElement element, string language) => element switch
    {
        TextBlock block => block with { Text = ReplyTranslations.Translate(block.Text, language) },
        Container container => container with { Items = [.. container.Items.Select(e => Localize(e, language))] },
        ActionSet set => set with { Actions = [.. set.Actions.Select(a => Localize(a, language))] },
        InputText input => input with
        {
            Placeholder = input.Placeholder is null ? null : ReplyTranslations.Translate(input.Placeholder, language),
            Label = input.Label is null ? null : ReplyTranslations.Translate(input.Label, language),
        },
        _ => element,
    };

    /// <summary>The title, and the title of an Execute's Submit fallback (what clients without Universal Actions show).</summary>
    private static CardAction Localize(CardAction action, string language) => action switch
    {
        ActionExecute { Fallback: { } fallback } execute => execute with { Title = ReplyTranslations.Translate(execute.Title, language), Fallback = Localize(fallback, language) },
        _ => action with { Title = ReplyTranslations.Translate(action.Title, language) },
    };
}
