using System.Text.Json;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// Ticket lists and details asked for in a group chat are the asker's alone: the chat gets a card that
/// says so, with a Universal Actions refresh for the asker only, and Teams fetches the real card for
/// that one user (a user-specific view; everyone else keeps seeing the placeholder). The refresh is
/// answered for whoever invokes it, with that person's own tickets, so a forged user id shows nothing
/// of anyone else. Cards answered inside such a view keep the refresh, so they stay private too.
/// </summary>
public static class PrivateView
{
    public const string ViewKey = "view";
    public const string Tickets = "tickets";
    public const string Details = "details";

    public const string TicketsShownPrivately = "Your tickets are shown only to you here.";
    public const string DetailsShownPrivately = "The details of {0} are shown only to you here.";
    public const string IfNothingShows = "If nothing appears, message me in a personal chat.";

    /// <summary>True in group chats and channels, where other people read the bot's answers.</summary>
    public static bool Applies(ITurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Activity.IsGroupConversation();
    }

    /// <summary>The placeholder everyone sees; its refresh asks for the real card for the asker.</summary>
    public static AdaptiveCard Placeholder(ITurnContext context, string view, string? ticketKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        var says = view == Details && ticketKey is not null ? DetailsShownPrivately.Replace("{0}", ticketKey, StringComparison.Ordinal) : TicketsShownPrivately;
        return new AdaptiveCard
        {
            Body = [new TextBlock(says) { Wrap = true }, new TextBlock(IfNothingShows) { IsSubtle = true, Wrap = true }],
            Refresh = RefreshFor(context, view, ticketKey),
            FallbackText = says,
        };
    }

    /// <summary><paramref name="card"/> with the refresh that keeps it the asker's own view (in a group chat).</summary>
    public static AdaptiveCard? Keep(ITurnContext context, AdaptiveCard? card, string view, string? ticketKey) =>
        card is null || !Applies(context) ? card : card with { Refresh = RefreshFor(context, view, ticketKey) };

    /// <summary>The view a refresh asks for: <see cref="Details"/> when it says so (with a key beside it), else the list.</summary>
    public static string ViewOf(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(ViewKey, out var view) && view.ValueKind == JsonValueKind.String && view.GetString() == Details
            ? Details
            : Tickets;

    private static CardRefresh? RefreshFor(ITurnContext context, string view, string? ticketKey)
    {
        if (context.Activity.From?.Id is not { Length: > 0 } asker)
        {
            return null;
        }

        var data = new Dictionary<string, object?> { [ViewKey] = view };
        if (ticketKey is not null) data[FollowUpCards.TicketKeyKey] = ticketKey;
        return new CardRefresh(new ActionExecute("Show", FollowUpCards.PrivateViewVerb, data), [asker]);
    }
}
