using System.Text.Json;
using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Support.Cards;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// Teams' Universal Actions refresh of the created-ticket card (verb <see cref="SupportCards.TicketStatusVerb"/>):
/// the reporter's view gets the ticket's live status from Jira. Anyone else, or any trouble reaching
/// Jira, gets the card as it was sent: a refresh answers within Teams' few seconds and never shows an error.
/// </summary>
public sealed partial class CreatedTicketRefresh(
    ITicketFollowUpService tickets,
    SupportStateAccessors state,
    ILogger<CreatedTicketRefresh> logger)
{
    /// <summary>How long the live lookup may take before the card is answered without it (Teams waits about 5 s).</summary>
    public static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(3);

    /// <summary>The card for the user who asked; null when the conversation knows no such created ticket.</summary>
    public async Task<AdaptiveCard?> ViewAsync(ITurnContext context, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var draftId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(SupportCards.DraftIdKey, out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        var conversation = await state.GetDataAsync(context, cancellationToken);
        if (draftId is null || conversation.FindDraft(draftId) is not { Status: DraftStatus.Created, TicketKey: { } key } draft)
        {
            return draftId is null ? null : TicketConfirmation.View(context, conversation, draftId).Card;
        }

        var from = context.Activity.From;
        if (from?.AadObjectId is not { Length: > 0 } owner || ReporterCheck.Of(draft, from) != ReporterCheck.Someone.Reporter)
        {
            return SupportCards.Created(draft);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(LookupBudget);
        try
        {
            var ticket = await tickets.GetMineAsync(key, owner, budget.Token);
            return ticket is null
                ? SupportCards.Created(draft)
                : SupportCards.Created(draft, FollowUpCards.StatusLine(ticket, UserTimeZone.From(context.Activity), LocalizingTurnContext.LanguageOf(context)));
        }
        catch (TicketException ex)
        {
            LogLookupFailed(ex.Failure, key);
            return SupportCards.Created(draft);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogLookupFailed(TicketFailure.Timeout, key);
            return SupportCards.Created(draft);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created-ticket card refreshed without live status ({Failure}) for {TicketKey}")]
    private partial void LogLookupFailed(TicketFailure failure, string ticketKey);
}
