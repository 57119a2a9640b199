using TeamsItBot.Framework.Cards;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Notifications;

namespace TeamsItBot.Support.Cards;

/// <summary>
/// The proactive message that tells an employee what changed on their ticket. Fixed wording is in
/// TextBlocks (translated per conversation); everything from Jira (summary, statuses, names, the
/// comment) is in text runs, shown literally whatever it contains.
/// </summary>
public static class ChangeNoticeCards
{
    /// <summary>The message's text line, also the fallback: "Update on KEY".</summary>
    public static string Headline(ChangeNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return $"Update on {notice.TicketKey}";
    }

    public static AdaptiveCard Notice(ChangeNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        List<CardElement> body =
        [
            new RichTextBlock([new TextRun(notice.TicketKey) { Weight = "Bolder" }, new TextRun("  " + (notice.Summary ?? string.Empty))]),
        ];
        switch (notice.Kind)
        {
            case TicketChangeKind.StatusChanged or TicketChangeKind.Resolved:
                body.Add(new TextBlock("Status changed") { Weight = "Bolder", Spacing = "Medium" });
                body.Add(RichTextBlock.Plain(notice.From is null ? notice.To : $"{notice.From} → {notice.To}"));
                break;
            case TicketChangeKind.Assigned:
                body.Add(new TextBlock("Now assigned to") { Weight = "Bolder", Spacing = "Medium" });
                body.Add(RichTextBlock.Plain(notice.To));
                break;
            default:
                body.Add(new TextBlock("New comment from") { Weight = "Bolder", Spacing = "Medium" });
                body.Add(new RichTextBlock([new TextRun(notice.Author ?? "Someone") { Weight = "Bolder" }]));
                body.Add(RichTextBlock.Plain(Shorten(notice.To)));
                break;
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = Uri.TryCreate(notice.BrowseUrl, UriKind.Absolute, out var url)
                ? [new ActionOpenUrl("Open in Jira", url), FollowUp.FollowUpCards.MyTicketsButton()]
                : [FollowUp.FollowUpCards.MyTicketsButton()],
            FallbackText = Headline(notice),
        };
    }

    /// <summary>A long comment is cut (the whole of it is in Jira): a Teams message has a size limit.</summary>
    private static string Shorten(string text) => text.Length <= MaxCommentShown ? text : string.Concat(text.AsSpan(0, MaxCommentShown), "…");

    public const int MaxCommentShown = 2000;
}
