using System.Globalization;
using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// The follow-up cards. Everything that comes from Jira or from a user (summaries, statuses, names,
/// comments) goes into text runs, which are never read as markdown, so it cannot restyle a card.
/// Cards are built in English and translated on the way out (<see cref="LocalizingTurnContext"/>), except
/// the labels sharing a text run with Jira's words, which the builders word in the language they are given.
/// </summary>
public static class FollowUpCards
{
    public const string MyTicketsVerb = "itbot.myTickets";
    public const string DetailsVerb = "itbot.ticketDetails";
    public const string AddCommentVerb = "itbot.addComment";
    public const string ResolveVerb = "itbot.resolveTicket";
    public const string ReopenVerb = "itbot.reopenTicket";

    /// <summary>"Show more" and "Newest tickets": the page of my tickets at <see cref="FromOpenKey"/> / <see cref="FromDoneKey"/>, in place of the card.</summary>
    public const string TicketPageVerb = "itbot.ticketPage";

    /// <summary>A group chat's private view (see <see cref="PrivateView"/>): Teams asks for it for the one listed user.</summary>
    public const string PrivateViewVerb = "itbot.privateView";
    public const string TicketKeyKey = "ticketKey";
    public const string FromOpenKey = "fromOpen";
    public const string FromDoneKey = "fromDone";
    public const string CommentInputPrefix = "comment_";

    public static readonly IReadOnlyList<string> Verbs = [MyTicketsVerb, DetailsVerb, AddCommentVerb, ResolveVerb, ReopenVerb, TicketPageVerb, PrivateViewVerb];

    /// <summary>The input id of a ticket's comment box (ids may not contain '-' in every client).</summary>
    public static string CommentInputId(string key) => CommentInputPrefix + key.Replace('-', '_');

    /// <summary>"My tickets" button for the created-ticket card and the help reply.</summary>
    public static ActionExecute MyTicketsButton() => ActionExecute.WithSubmitFallback("My tickets", MyTicketsVerb, new Dictionary<string, object?>());

    /// <summary>The help reply's shortcut: the same "My tickets" as on the created-ticket card.</summary>
    public static AdaptiveCard HelpShortcuts() => new() { Actions = [MyTicketsButton()], FallbackText = "Say \"my tickets\" to see your tickets." };

    /// <summary>
    /// The page a "Show more" / "Newest tickets" click asks for. The counts come back from the client, so
    /// anything but two whole numbers within <see cref="TicketCursor"/>'s limits reads as the first page.
    /// </summary>
    public static TicketCursor ReadCursor(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && Count(data, FromOpenKey) is { } open && Count(data, FromDoneKey) is { } done
            ? TicketCursor.TryCreate(open, done) ?? TicketCursor.First
            : TicketCursor.First;

    public static AdaptiveCard MyTickets(TicketPage page, UserTimeZone zone, int maxCommentLength, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(zone);
        var start = page.From.Start;
        var heading = page.Tickets.Count == 0 ? (start == 0 ? "You have no tickets from me yet" : "No more tickets")
            : start == 0 && page.Next is null ? "Your tickets"
            : string.Create(CultureInfo.InvariantCulture, $"Your tickets {start + 1}–{start + page.Tickets.Count}");
        var body = new List<CardElement> { new TextBlock(heading) { Size = "Medium", Weight = "Bolder" } };
        if (page.Tickets.Count == 0)
        {
            body.Add(new TextBlock(start == 0 ? "When I file a ticket for you, it shows up here with its status." : "That's all of your tickets.") { IsSubtle = true });
        }

        foreach (var ticket in page.Tickets)
        {
            body.Add(new Container(
            [
                new RichTextBlock([new TextRun(ticket.Key) { Weight = "Bolder" }, new TextRun("  " + ticket.Summary)]),
                RichTextBlock.Plain(StatusLine(ticket, zone, language)),
                new InputText { Id = CommentInputId(ticket.Key), Placeholder = $"Add a comment to {ticket.Key}", MaxLength = maxCommentLength, IsMultiline = true },
                new ActionSet(
                [
                    new ActionOpenUrl("Open in Jira", ticket.BrowseUrl),
                    Execute("Details", DetailsVerb, ticket.Key),
                    Execute("Add a comment", AddCommentVerb, ticket.Key),
                ]),
            ]) { Separator = true, Spacing = "Medium" });
        }

        var actions = new List<CardAction>();
        if (page.Next is { } next)
        {
            if (next.IsWithinLimits) actions.Add(PageButton("Show more", next));
            else body.Add(new TextBlock("Older tickets are in Jira.") { IsSubtle = true, Spacing = "Medium" });
        }

        if (start > 0) actions.Add(PageButton("Newest tickets", TicketCursor.First));
        return new AdaptiveCard
        {
            Body = body,
            Actions = actions.Count == 0 ? null : actions,
            FallbackText = page.Tickets.Count == 0 ? (start == 0 ? "You have no tickets from me yet." : "That's all of your tickets.")
                : "Your tickets: " + string.Join("; ", page.Tickets.Select(t => $"{t.Key} ({t.Status})")),
        };
    }

    public static AdaptiveCard Details(TrackedTicket ticket, UserTimeZone zone, int maxCommentLength, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(zone);
        var body = new List<CardElement>
        {
            new RichTextBlock([new TextRun(ticket.Key) { Weight = "Bolder" }, new TextRun("  " + ticket.Summary)]),
            RichTextBlock.Plain(StatusLine(ticket, zone, language)),
            RichTextBlock.Plain(ReplyTranslations.Format("Assigned to: {0}", language, ticket.Assignee ?? ReplyTranslations.Translate("nobody yet", language))),
        };
        var comments = ticket.Comments.TakeLast(3).ToList();
        if (comments.Count > 0) body.Add(new TextBlock("Latest comments") { Weight = "Bolder", Spacing = "Medium" });
        foreach (var comment in comments)
        {
            var when = comment.Created is { } created ? $" ({zone.Format(created, language)})" : string.Empty;
            body.Add(new RichTextBlock([new TextRun(comment.Author + when) { Weight = "Bolder" }]));
            body.Add(RichTextBlock.Plain(Shorten(comment.Body, 500)));
        }

        body.Add(new InputText { Id = CommentInputId(ticket.Key), Placeholder = "Anything to add?", MaxLength = maxCommentLength, IsMultiline = true });
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                new ActionOpenUrl("Open in Jira", ticket.BrowseUrl),
                Execute("Add a comment", AddCommentVerb, ticket.Key),
                ticket.IsDone ? Execute("It came back: reopen", ReopenVerb, ticket.Key) : Execute("It's fixed: close it", ResolveVerb, ticket.Key),
            ],
            FallbackText = $"{ticket.Key}: {ticket.Status}",
        };
    }

    /// <summary>"Status: In Progress · updated 1 Dec 2026 14:05 (Europe/Berlin)", "Status: In Progress · aktualisiert 1.12.2026 14:05 (Europe/Berlin)".</summary>
    public static string StatusLine(TrackedTicket ticket, UserTimeZone zone, string? language = null) =>
        ReplyTranslations.Format("Status: {0}", language, ticket.Status)
        + (ticket.Updated is { } updated ? " · " + ReplyTranslations.Format("updated {0} ({1})", language, zone.Format(updated, language), zone.Label) : string.Empty);

    private static ActionExecute Execute(string title, string verb, string key) =>
        ActionExecute.WithSubmitFallback(title, verb, new Dictionary<string, object?> { [TicketKeyKey] = key });

    private static ActionExecute PageButton(string title, TicketCursor from) =>
        ActionExecute.WithSubmitFallback(title, TicketPageVerb, new Dictionary<string, object?> { [FromOpenKey] = from.Open, [FromDoneKey] = from.Done });

    private static long? Count(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) ? count : null;

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
