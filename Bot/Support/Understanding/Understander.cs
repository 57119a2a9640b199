using System.Text;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Support.Understanding.LanguageModel;

namespace TeamsItBot.Support.Understanding;

/// <summary>
/// Reads a message before any dialog acts on it: its intents (the admin's intent files plus the built-in
/// English phrasings of <see cref="Utterances"/>), its topic, and whether a ticket request carries a
/// real description of the problem. Topics come from the index in use now (it follows knowledge-base
/// reloads); the optional language model is asked only when the local reading found nothing.
/// </summary>
public sealed class Understander(IntentCatalog intents, LiveTopicIndex topics, LanguageModelChooser? model = null)
{
    /// <summary>The intents the model may pick besides topics: the ones that route a message on their own.</summary>
    private static readonly ModelChoice[] IntentChoices =
    [
        new(IntentIds.TicketRequest, "the employee asks for a ticket or a person in IT, without describing a problem a guide covers"),
        new(IntentIds.MyTickets, "the employee asks about tickets they already have (status, list)"),
        new(IntentIds.OutOfScope, "not an IT problem: facilities, building, HR, payroll, food, travel"),
        new(IntentIds.Greeting, "a greeting only"),
        new(IntentIds.Thanks, "thanks, or the problem is solved"),
        new(IntentIds.StillBroken, "the previous problem is still not fixed"),
        new(IntentIds.Help, "asks what the bot can do"),
    ];

    /// <summary>Read each time (do not keep it): a knowledge-base reload replaces it.</summary>
    public TopicIndex Topics => topics.Current;

    /// <summary>True when a language model is configured; false costs the turn nothing.</summary>
    public bool CanAskModel => model is { IsEnabled: true };

    /// <summary>
    /// The model's pick for a message the local reading could not place: a topic id of the knowledge base in
    /// the language, an intent id of <see cref="IntentChoices"/>, or null (off, no fit, failure, timeout).
    /// </summary>
    public async Task<string?> AskModelAsync(string text, string language, CancellationToken cancellationToken)
    {
        if (model is not { IsEnabled: true })
        {
            return null;
        }

        var knowledgeBase = Topics.KnowledgeBases.For(language);
        var choices = knowledgeBase.Topics.Select(t => new ModelChoice(t.Id, Describe(t))).Concat(IntentChoices).ToList();
        return await model.ChooseAsync(text, choices, cancellationToken);
    }

    public static bool IsModelIntent(string id) => IntentChoices.Any(c => c.Id == id);

    public UnderstoodMessage Read(string? text, string language)
    {
        var found = new HashSet<string>(intents.Recognize(text, language), StringComparer.Ordinal);
        var value = text ?? string.Empty;
        AddIf(found, Utterances.IsHelp(value), IntentIds.Help);
        AddIf(found, Utterances.IsCancel(value), IntentIds.Cancel);
        AddIf(found, Utterances.IsGreeting(value), IntentIds.Greeting);
        AddIf(found, Utterances.IsThanks(value) || IsAcknowledgement(value), IntentIds.Thanks);
        AddIf(found, Utterances.IsConfirm(value), IntentIds.Confirm);
        AddIf(found, Utterances.IsDecline(value), IntentIds.Decline);
        AddIf(found, Utterances.IsFixed(value), IntentIds.Fixed);
        AddIf(found, Utterances.IsNotFixed(value), IntentIds.StillBroken);
        AddIf(found, Utterances.IsTicketRequest(value, out _), IntentIds.TicketRequest);
        return new UnderstoodMessage(value, language, found);
    }

    /// <summary>The guide for a problem description and the language it was found in (see <see cref="TopicIndex.Find"/>).</summary>
    public (TopicMatch? Match, string Language) FindTopic(string? text, string language) => Topics.Find(text, language);

    /// <summary>
    /// The problem a ticket request describes ("open a ticket, my monitor is dead" -> "my monitor is dead"),
    /// or null when it is only a request ("just open a ticket for me please").
    /// </summary>
    public string? TicketDescription(string text, string language)
    {
        var remainder = Utterances.IsTicketRequest(text, out var described) && described is not null
            ? described
            : intents.RemainderAfter(text, language, IntentIds.TicketRequest);
        if (!IsDescription(remainder, language))
        {
            return null;
        }

        // The user's own words: the described part when the request came first, else the whole message.
        return described is not null && IsDescription(described, language) ? described.Trim() : text.Trim();
    }

    /// <summary>True when the text says what is wrong: a guide fits it, or it names something beyond grammar, politeness and the request itself.</summary>
    public bool IsDescription(string? text, string language)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (Topics.Find(text, language).Match is not null)
        {
            return true;
        }

        var rules = MatchLanguage.Find(language) ?? MatchLanguage.English;
        var content = IntentCatalog.Normalize(text, language)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Count(word => !IsFiller(word, rules) && !IsFiller(word, MatchLanguage.English));
        return content >= 1;
    }

    /// <summary>
    /// Too little to troubleshoot, for a message no guide fits (the caller has matched it already): no word at
    /// all ("???", an emoji) or one word ("asdfgh", "broken"). Asking for a sentence beats restart-your-computer
    /// steps for something nobody described.
    /// </summary>
    public static bool IsTooVague(string? text, string language)
    {
        var words = IntentCatalog.Normalize(text, language).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 || (words.Length == 1 && !words[0].Any(char.IsDigit));
    }

    /// <summary>A thumbs-up and its kin, alone: in Teams the usual "thanks" or "that did it".</summary>
    public static bool IsAcknowledgement(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var any = false;
        foreach (var rune in text.Trim().EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value is 0xFE0F or 0x200D || rune.Value is >= 0x1F3FB and <= 0x1F3FF || rune.Value is '!' or '.')
            {
                continue;
            }

            if (rune.Value is not (0x1F44D or 0x1F44C or 0x1F64F or 0x1F44F or 0x1F60A or 0x1F642 or 0x1F600 or 0x1F603 or 0x1F604 or 0x2705 or 0x2764 or 0x1F64C))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static bool IsFiller(string word, MatchLanguage rules) =>
        word.Length < 2 || rules.IsNegation(word) || rules.IsStopword(rules.StemOf(word)) || word is "ticket" or "tickets" or "jira" or "incident";

    private static string Describe(Topic topic)
    {
        var words = string.Join(", ", topic.Keywords.Take(8));
        return words.Length == 0 ? topic.Title : $"{topic.Title} ({words})";
    }

    private static void AddIf(HashSet<string> set, bool condition, string id)
    {
        if (condition)
        {
            set.Add(id);
        }
    }
}
