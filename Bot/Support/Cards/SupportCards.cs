using TeamsItBot.Framework.Cards;
using TeamsItBot.Support.Conversation;

namespace TeamsItBot.Support.Cards;

/// <summary>
/// The cards of the IT-support conversation. User text is only ever shown in text runs, which
/// renderers do not treat as markdown, so nothing a user types can restyle or extend a card.
/// </summary>
public static class SupportCards
{
    public const string CreateVerb = "createTicket";
    public const string DeclineVerb = "declineTicket";
    public const string DraftIdKey = "draftId";

    /// <summary>The key of a button's answer in the submitted data (group chats).</summary>
    public const string AnswerKey = "answer";

    /// <summary>
    /// "Did that fix it?" with two buttons. In personal chat they answer as if typed (Teams imBack,
    /// shown as the user's message); in group chats such a message would lack the @mention the bot
    /// waits for, so there they submit the answer as data.
    /// </summary>
    public static AdaptiveCard FixedQuestion(bool inGroup = false) => new()
    {
        Body = [new TextBlock("Did that fix it?") { Weight = "Bolder" }],
        Actions =
        [
            Answer("Yes, it's fixed", "Yes, it's fixed", inGroup),
            Answer("No, still not working", "Still not working", inGroup),
        ],
        FallbackText = "Did that fix it? Reply \"yes\" or \"still not working\".",
    };

    public static AdaptiveCard ConfirmTicket(TicketDraftRecord draft) => new()
    {
        Body =
        [
            new TextBlock("Create JIRA ticket?") { Size = "Medium", Weight = "Bolder" },
            new TextBlock("I can open a ticket with the IT team. This is what I will send:") { IsSubtle = true },
            .. DraftSummary(draft),
        ],
        Actions =
        [
            ActionExecute.WithSubmitFallback("Create ticket", CreateVerb, DraftData(draft), style: "positive"),
            ActionExecute.WithSubmitFallback("No thanks", DeclineVerb, DraftData(draft)),
        ],
        FallbackText = "Create JIRA ticket? Reply \"yes\" to create it or \"no\" to skip.",
    };

    /// <summary>Replaces the confirm card once the ticket exists: no buttons left to click.</summary>
    public static AdaptiveCard Created(TicketDraftRecord draft) => new()
    {
        Body =
        [
            new TextBlock($"Created ticket {draft.TicketKey}") { Size = "Medium", Weight = "Bolder", Color = "Good" },
            .. DraftSummary(draft),
        ],
        FallbackText = $"Created ticket {draft.TicketKey}",
    };

    /// <summary>Shown while the ticket is being sent: the buttons are gone before Jira is even asked.</summary>
    public static AdaptiveCard Creating(TicketDraftRecord draft) => new()
    {
        Body =
        [
            new TextBlock("Creating ticket...") { Size = "Medium", Weight = "Bolder" },
            .. DraftSummary(draft),
        ],
        FallbackText = "Creating ticket...",
    };

    /// <summary>The ticket system was unreachable: the ticket is recorded and will be created automatically.</summary>
    public static AdaptiveCard Queued(TicketDraftRecord draft) => new()
    {
        Body =
        [
            new TextBlock("Ticket queued") { Size = "Medium", Weight = "Bolder", Color = "Warning" },
            new TextBlock("The ticket system is unavailable right now. Your ticket is saved and will be created automatically; I'll post the ticket number here.") { IsSubtle = true },
            .. DraftSummary(draft),
        ],
        FallbackText = "Ticket queued: it will be created automatically when the ticket system is back.",
    };

    /// <summary>The outbox gave up (or Jira refused in the background): no ticket, the request is kept for IT.</summary>
    public static AdaptiveCard NotCreated(TicketDraftRecord draft) => new()
    {
        Body =
        [
            new TextBlock("Ticket not created") { Size = "Medium", Weight = "Bolder", Color = "Attention" },
            new TextBlock("Your request is saved for the IT team. Please contact the help desk directly if it's urgent.") { IsSubtle = true },
            .. DraftSummary(draft),
        ],
        FallbackText = "Ticket not created: your request is saved for the IT team.",
    };

    public static AdaptiveCard Declined(TicketDraftRecord draft) => new()
    {
        Body =
        [
            new TextBlock("No ticket created") { Size = "Medium", Weight = "Bolder" },
            .. DraftSummary(draft),
        ],
        FallbackText = "No ticket created",
    };

    /// <summary>The reply after creation: key, browse link and an "Open in Jira" button.</summary>
    public static AdaptiveCard TicketLink(string key, Uri browseUrl) => new()
    {
        Body =
        [
            new TextBlock($"Created ticket {key}") { Weight = "Bolder" },
            new TextBlock("The IT team will follow up with you there.") { IsSubtle = true },
        ],
        Actions = [new ActionOpenUrl("Open in Jira", browseUrl), FollowUp.FollowUpCards.MyTicketsButton()],
        FallbackText = $"Created ticket {key}: {browseUrl}",
    };

    private static IEnumerable<CardElement> DraftSummary(TicketDraftRecord draft)
    {
        yield return new TextBlock("Problem") { Weight = "Bolder", Spacing = "Medium" };
        yield return RichTextBlock.Plain(draft.Problem);
        if (draft.StepsShown.Count > 0)
        {
            yield return new TextBlock("Steps already tried") { Weight = "Bolder", Spacing = "Medium" };
            yield return RichTextBlock.Plain(string.Join('\n', draft.StepsShown.Select((s, i) => $"{i + 1}. {s}")));
        }
    }

    private static Dictionary<string, object?> DraftData(TicketDraftRecord draft) => new() { [DraftIdKey] = draft.DraftId };

    private static ActionSubmit Answer(string title, string text, bool asData) => new(title, asData
        ? new Dictionary<string, object?> { [AnswerKey] = text }
        : new Dictionary<string, object?> { ["msteams"] = new Dictionary<string, object?> { ["type"] = "imBack", ["value"] = text } });
}
