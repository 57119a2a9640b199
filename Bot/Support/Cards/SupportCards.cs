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

    /// <summary>The Universal Actions refresh of a group chat's confirm card (Teams sends it, trigger "automatic").</summary>
    public const string RefreshVerb = "refreshTicketCard";

    /// <summary>The Universal Actions refresh of the created-ticket card: the reporter's view with the live status.</summary>
    public const string TicketStatusVerb = "itbot.ticketStatus";

    private const string StepsElementId = "ticketSteps";

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

    /// <summary>
    /// "Create JIRA ticket?": the problem, a one-line count of the steps tried (shown on request),
    /// then the buttons. In a group chat the card is a user-specific view: everyone sees it without
    /// buttons, and Teams asks the bot (refresh, trigger "automatic") for the reporter's own view,
    /// <paramref name="forReporter"/>, which has them.
    /// </summary>
    public static AdaptiveCard ConfirmTicket(TicketDraftRecord draft, bool forReporter = false)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var userSpecific = IsUserSpecific(draft);
        var buttons = !userSpecific || forReporter;
        return new()
        {
            Body =
            [
                new TextBlock("Create JIRA ticket?") { Size = "Medium", Weight = "Bolder" },
                new TextBlock("I can open a ticket with the IT team. This is what I will send:") { IsSubtle = true },
                .. ProblemOf(draft),
                .. StepsTried(draft),
                .. Attachments(draft),
                .. buttons ? [] : new CardElement[] { new TextBlock(OnlyReporterCanConfirm(draft)) { Spacing = "Medium" } },
            ],
            Actions = buttons
                ?
                [
                    ActionExecute.WithSubmitFallback("Create ticket", CreateVerb, DraftData(draft), style: "positive"),
                    ActionExecute.WithSubmitFallback("No thanks", DeclineVerb, DraftData(draft)),
                ]
                : null,
            Refresh = userSpecific
                ? new CardRefresh(new ActionExecute("Refresh", RefreshVerb, DraftData(draft)), [draft.ReporterId!])
                : null,
            FallbackText = buttons
                ? "Create JIRA ticket? Reply \"yes\" to create it or \"no\" to skip."
                : $"Create JIRA ticket? {OnlyReporterCanConfirm(draft)}",
        };
    }

    /// <summary>Only in group chats, and only when the bot knows who the reporter is.</summary>
    public static bool IsUserSpecific(TicketDraftRecord draft) => draft is { InGroup: true, ReporterId.Length: > 0 };

    /// <summary>
    /// Replaces the confirm card once the ticket exists: the result, in a green container, and its link;
    /// with <paramref name="status"/>, the ticket's status (as the last change notice saw it, or live for
    /// the reporter: the card asks Teams to refresh it for them through Universal Actions).
    /// </summary>
    public static AdaptiveCard Created(TicketDraftRecord draft, string? status = null) => new()
    {
        Body =
        [
            Banner("good", $"Created ticket {draft.TicketKey}", "The IT team will follow up with you in Jira."),
            .. StatusOf(status),
            .. ProblemOf(draft),
        ],
        Refresh = draft is { ReporterId.Length: > 0, TicketKey.Length: > 0 }
            ? new CardRefresh(new ActionExecute("Refresh", TicketStatusVerb, DraftData(draft)), [draft.ReporterId])
            : null,
        Actions = Uri.TryCreate(draft.BrowseUrl, UriKind.Absolute, out var url)
            ? [new ActionOpenUrl("Open in Jira", url), FollowUp.FollowUpCards.MyTicketsButton()]
            : [FollowUp.FollowUpCards.MyTicketsButton()],
        FallbackText = $"Created ticket {draft.TicketKey}{(draft.BrowseUrl is null ? string.Empty : ": " + draft.BrowseUrl)}",
    };

    /// <summary>Shown while the ticket is being sent: the buttons are gone before Jira is even asked.</summary>
    public static AdaptiveCard Creating(TicketDraftRecord draft) => new()
    {
        Body =
        [
            new TextBlock("Creating ticket...") { Size = "Medium", Weight = "Bolder" },
            .. ProblemOf(draft),
        ],
        FallbackText = "Creating ticket...",
    };

    /// <summary>The ticket system was unreachable: the ticket is recorded and will be created automatically.</summary>
    public static AdaptiveCard Queued(TicketDraftRecord draft) => new()
    {
        Body =
        [
            Banner("warning", "Ticket queued", "The ticket system is unavailable right now. Your ticket is saved and will be created automatically; I'll post the ticket number here."),
            .. ProblemOf(draft),
        ],
        FallbackText = "Ticket queued: it will be created automatically when the ticket system is back.",
    };

    /// <summary>The outbox gave up (or Jira refused in the background): no ticket, the request is kept for IT.</summary>
    public static AdaptiveCard NotCreated(TicketDraftRecord draft) => new()
    {
        Body =
        [
            Banner("attention", "Ticket not created", "Your request is saved for the IT team. Please contact the help desk directly if it's urgent."),
            .. ProblemOf(draft),
        ],
        FallbackText = "Ticket not created: your request is saved for the IT team.",
    };

    public static AdaptiveCard Declined(TicketDraftRecord draft) => new()
    {
        Body =
        [
            new TextBlock("No ticket created") { Size = "Medium", Weight = "Bolder" },
            .. ProblemOf(draft),
        ],
        FallbackText = "No ticket created",
    };

    public static string OnlyReporterCanConfirm(TicketDraftRecord draft) =>
        $"Only {ReporterDisplayName(draft)} can confirm this ticket.";

    public static string ReporterDisplayName(TicketDraftRecord draft) =>
        string.IsNullOrWhiteSpace(draft?.ReporterName) ? "the person who reported the problem" : draft.ReporterName.Trim();

    /// <summary>
    /// A coloured container with the title and one line: the container style carries the colour, so
    /// the text keeps the theme's readable default colour (light green text on white is not).
    /// </summary>
    private static Container Banner(string style, string title, string line) => new(
    [
        new TextBlock(title) { Size = "Medium", Weight = "Bolder" },
        new TextBlock(line) { Spacing = "Small" },
    ])
    {
        Style = style,
    };

    private static IEnumerable<CardElement> StatusOf(string? status)
    {
        if (string.IsNullOrEmpty(status)) yield break;
        yield return new TextBlock("Current status") { Weight = "Bolder", Spacing = "Medium" };
        yield return RichTextBlock.Plain(status);
    }

    private static IEnumerable<CardElement> ProblemOf(TicketDraftRecord draft)
    {
        yield return new TextBlock("Problem") { Weight = "Bolder", Spacing = "Medium" };
        yield return RichTextBlock.Plain(draft.Problem);
    }

    /// <summary>One line with the count; the steps themselves only on "Show steps" (the card stays short).</summary>
    private static IEnumerable<CardElement> StepsTried(TicketDraftRecord draft)
    {
        var count = draft.StepsShown.Count;
        if (count == 0)
        {
            yield break;
        }

        yield return new TextBlock(count == 1 ? "1 troubleshooting step already tried" : $"{count} troubleshooting steps already tried")
        {
            Spacing = "Medium",
            IsSubtle = true,
        };
        yield return new ActionSet([new ActionToggleVisibility("Show steps", [StepsElementId])]) { Spacing = "Small" };
        yield return new Container([RichTextBlock.Plain(string.Join('\n', draft.StepsShown.Select((step, i) => $"{i + 1}. {step}")))])
        {
            Id = StepsElementId,
            IsVisible = false,
        };
    }

    /// <summary>What goes on the ticket besides the description; file names are the user's, so plain text.</summary>
    private static IEnumerable<CardElement> Attachments(TicketDraftRecord draft)
    {
        if (!draft.WithEvidence)
        {
            yield break;
        }

        yield return RichTextBlock.Plain(Evidence.EvidenceReplies.WillAttach(draft.AttachmentNames));
    }

    private static Dictionary<string, object?> DraftData(TicketDraftRecord draft) => new() { [DraftIdKey] = draft.DraftId };

    private static ActionSubmit Answer(string title, string text, bool asData) => new(title, asData
        ? new Dictionary<string, object?> { [AnswerKey] = text }
        : new Dictionary<string, object?> { ["msteams"] = new Dictionary<string, object?> { ["type"] = "imBack", ["value"] = text } });
}
