using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// The "My tickets" card page by page: the first page for "my tickets", the next for "Show more" (or a
/// typed "more" right after the list), the first again for "Newest tickets". Every page is searched on the
/// sender's own label, whatever page the click names.
/// </summary>
public sealed partial class MyTicketsList(
    ITicketFollowUpService tickets,
    IOptions<FollowUpOptions> options,
    ILogger<MyTicketsList> logger)
{
    public const int PageSize = 10;

    /// <summary>How long a "Show more" click may wait for Jira: the invoke's answer must reach Teams within about 5 s.</summary>
    public static readonly TimeSpan PageBudget = TimeSpan.FromSeconds(4);

    /// <summary>The newest tickets as a new message; a backend failure is the caller's to word.</summary>
    public async Task SendFirstAsync(ITurnContext context, FollowUpState state, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        await context.SendTypingAsync(cancellationToken);
        var page = await tickets.FindMineAsync(owner, TicketCursor.First, PageSize, cancellationToken);
        state.MoreTickets = page.Next;
        await FollowUpConversation.SendCardAsync(context, Card(context, page), cancellationToken);
    }

    /// <summary>
    /// The page at <paramref name="from"/>. A click (invoke) gets the card that replaces the clicked one,
    /// or a message when Jira fails or takes longer than <see cref="PageBudget"/>; a Submit fallback or a
    /// typed "more" cannot replace a card, so there the page (or the failure) comes as a new message.
    /// </summary>
    public async Task<FollowUpCardResult> PageAsync(ITurnContext context, FollowUpState state, string? owner, TicketCursor from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(from);
        var inPlace = context.Activity.IsType(ActivityTypes.Invoke);
        if (!inPlace && PrivateView.Applies(context))
        {
            // A typed "more" in a group chat: the page would be posted for everyone, so it goes private.
            await FollowUpConversation.SendCardAsync(context, PrivateView.Placeholder(context, PrivateView.Tickets, null), cancellationToken);
            return new FollowUpCardResult(null, PrivateView.TicketsShownPrivately);
        }

        string failure;
        if (owner is null)
        {
            failure = FollowUpReplies.NoIdentity;
        }
        else
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (inPlace) budget.CancelAfter(PageBudget);
            else await context.SendTypingAsync(cancellationToken);
            try
            {
                var page = await tickets.FindMineAsync(owner, from, PageSize, budget.Token);
                state.MoreTickets = page.Next;
                var card = Card(context, page);
                if (!inPlace) await FollowUpConversation.SendCardAsync(context, card, cancellationToken);
                return new FollowUpCardResult(card, "Here are your tickets.");
            }
            catch (TicketException ex)
            {
                LogFailed(ex.Failure, from.Start, ex.Message);
                failure = FollowUpReplies.Failed(ex);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                LogTooSlow(from.Start, PageBudget.TotalSeconds);
                failure = FollowUpReplies.Failed(new TicketException(TicketFailure.Timeout, "page of my tickets"));
            }
        }

        if (!inPlace) await context.SendActivityAsync(failure, cancellationToken);
        return new FollowUpCardResult(null, failure);
    }

    private AdaptiveCard Card(ITurnContext context, TicketPage page) =>
        FollowUpCards.MyTickets(page, UserTimeZone.From(context.Activity), options.Value.MaxCommentLength, LocalizingTurnContext.LanguageOf(context));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page of my tickets from {Start} failed ({Failure}): {Detail}")]
    private partial void LogFailed(TicketFailure failure, int start, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page of my tickets from {Start} not ready within {BudgetSeconds} s; answered the click with the timeout message")]
    private partial void LogTooSlow(int start, double budgetSeconds);
}
