using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Framework.State;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Support.Understanding;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Support.FollowUp;

/// <summary>What a card click on a follow-up card answers: a card that replaces it, or a short message.</summary>
public sealed record FollowUpCardResult(AdaptiveCard? Card, string Message);

/// <summary>
/// The employee's follow-up on their tickets, typed or clicked. The owner is always the sender's
/// Entra object id from the activity, never anything typed; a key that is not theirs gets the
/// same answer as a key that does not exist.
/// </summary>
public sealed partial class FollowUpConversation(
    ITicketFollowUpService tickets,
    MyTicketsList list,
    ConversationState conversationState,
    SupportStateAccessors supportState,
    IOptions<TicketOptions> ticketOptions,
    IOptions<FollowUpOptions> options,
    IntentCatalog intents,
    ILogger<FollowUpConversation> logger)
{
    public const int ListSize = MyTicketsList.PageSize;

    private readonly IStatePropertyAccessor<FollowUpState> _state = conversationState.CreateProperty<FollowUpState>("followUp");

    private string ProjectKey => ticketOptions.Value.ProjectKey;

    public static bool IsFollowUpVerb(string? verb) => verb is not null && FollowUpCards.Verbs.Contains(verb);

    /// <summary>Handles a typed follow-up command (or the answer to "what would you like to add?"); false when the text is none.</summary>
    public async Task<bool> TryHandleMessageAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Activity.Text ?? string.Empty;
        var state = await GetStateAsync(context, cancellationToken);
        var command = FollowUpCommandRecognizer.Recognize(text);
        var more = state.MoreTickets;
        state.MoreTickets = null;
        if (state.PendingCommentKey is { } pending)
        {
            state.PendingCommentKey = null;
            if (command is null && !IsCancelOrHelp(context, text))
            {
                await RunAsync(context, () => CommentAsync(context, pending, text, cancellationToken), cancellationToken);
                return true;
            }
        }

        if (command is null && more is not null && FollowUpCommandRecognizer.IsShowMore(text))
        {
            await list.PageAsync(context, state, Owner(context), more, cancellationToken);
            return true;
        }

        if (command is null) return false;
        LogCommand(logger, command.Intent);
        await RunAsync(context, () => HandleAsync(context, state, command, cancellationToken), cancellationToken);
        return true;
    }

    /// <summary>A click on a follow-up card (Execute invoke or its Submit fallback).</summary>
    public async Task<FollowUpCardResult> HandleCardAsync(ITurnContext context, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(FollowUpCards.TicketKeyKey, out var k) && k.ValueKind == JsonValueKind.String
            ? k.GetString()!.Trim().ToUpperInvariant()
            : null;
        var state = await GetStateAsync(context, cancellationToken);
        state.MoreTickets = null;
        if (verb == FollowUpCards.PrivateViewVerb)
        {
            return await PrivateViewAsync(context, state, PrivateView.ViewOf(data), key, cancellationToken);
        }

        if (verb == FollowUpCards.TicketPageVerb)
        {
            var page = await list.PageAsync(context, state, Owner(context), FollowUpCards.ReadCursor(data), cancellationToken);
            return page with { Card = PrivateView.Keep(context, page.Card, PrivateView.Tickets, null) };
        }

        if (verb == FollowUpCards.MyTicketsVerb)
        {
            await RunAsync(context, () => ListAsync(context, cancellationToken), cancellationToken);
            return new FollowUpCardResult(null, "Here are your tickets.");
        }

        if (key is null)
        {
            await context.SendActivityAsync(SupportReplies.UnknownCardAction, cancellationToken);
            return new FollowUpCardResult(null, SupportReplies.UnknownCardAction);
        }

        switch (verb)
        {
            case FollowUpCards.DetailsVerb:
                await RunAsync(context, () => DetailsAsync(context, state, key, cancellationToken), cancellationToken);
                return new FollowUpCardResult(null, $"Details of {key}");
            case FollowUpCards.AddCommentVerb:
                var typed = data.TryGetProperty(FollowUpCards.CommentInputId(key), out var input) && input.ValueKind == JsonValueKind.String ? input.GetString() : null;
                if (string.IsNullOrWhiteSpace(typed))
                {
                    state.PendingCommentKey = key;
                    await context.SendActivityAsync(FollowUpReplies.AskComment(key), cancellationToken);
                    return new FollowUpCardResult(null, FollowUpReplies.AskComment(key));
                }

                await RunAsync(context, () => CommentAsync(context, key, typed, cancellationToken), cancellationToken);
                return new FollowUpCardResult(null, "Thanks, noted.");
            default:
                var toDone = verb == FollowUpCards.ResolveVerb;
                var card = await RunAsync(context, () => MoveAsync(context, state, key, toDone ? "It's fixed, please close the ticket." : "It came back.", toDone, cancellationToken), cancellationToken);
                return new FollowUpCardResult(PrivateView.Keep(context, card, PrivateView.Details, key), toDone ? "Closing the ticket" : "Reopening the ticket");
        }
    }

    private async Task<AdaptiveCard?> HandleAsync(ITurnContext context, FollowUpState state, FollowUpCommand command, CancellationToken cancellationToken)
    {
        switch (command.Intent)
        {
            case FollowUpIntent.MyTickets:
                await ListAsync(context, cancellationToken);
                return null;
            case FollowUpIntent.TicketStatus:
                var key = await ResolveTargetAsync(context, state, command, "check", openOnly: false, cancellationToken);
                if (key is not null) await DetailsAsync(context, state, key, cancellationToken);
                return null;
            case FollowUpIntent.AddComment:
                var target = await ResolveTargetAsync(context, state, command, "comment on", openOnly: false, cancellationToken);
                if (target is null) return null;
                if (command.Text is null)
                {
                    if (await tickets.GetMineAsync(target, Owner(context)!, cancellationToken) is null)
                    {
                        await context.SendActivityAsync(FollowUpReplies.NotFound(target, ProjectKey), cancellationToken);
                        return null;
                    }

                    state.PendingCommentKey = target;
                    await context.SendActivityAsync(FollowUpReplies.AskComment(target), cancellationToken);
                    return null;
                }

                await CommentAsync(context, target, command.Text, cancellationToken);
                return null;
            default:
                var toDone = command.Intent == FollowUpIntent.Resolve;
                var ticket = await ResolveTargetAsync(context, state, command, toDone ? "close" : "reopen", openOnly: toDone, cancellationToken, doneOnly: !toDone);
                return ticket is null ? null : await MoveAsync(context, state, ticket, command.Text ?? string.Empty, toDone, cancellationToken);
        }
    }

    private async Task ListAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        if (Owner(context) is not { } owner)
        {
            await context.SendActivityAsync(FollowUpReplies.NoIdentity, cancellationToken);
            return;
        }

        if (PrivateView.Applies(context))
        {
            await SendCardAsync(context, PrivateView.Placeholder(context, PrivateView.Tickets, null), cancellationToken);
            return;
        }

        await list.SendFirstAsync(context, await GetStateAsync(context, cancellationToken), owner, cancellationToken);
    }

    /// <summary>
    /// Teams asking for the asker's own view in a group chat: always the invoker's tickets, whoever was listed.
    /// The refresh may come each time the card is shown, so it posts nothing to the chat: trouble is its answer.
    /// </summary>
    private async Task<FollowUpCardResult> PrivateViewAsync(ITurnContext context, FollowUpState state, string view, string? key, CancellationToken cancellationToken)
    {
        if (!context.Activity.IsType(ActivityTypes.Invoke))
        {
            // Only an invoke can answer one person; a posted Submit would show the answer to the whole chat.
            await RunAsync(context, () => ListAsync(context, cancellationToken), cancellationToken);
            return new FollowUpCardResult(null, "Here are your tickets.");
        }

        if (Owner(context) is not { } owner) return new FollowUpCardResult(null, FollowUpReplies.NoIdentity);
        if (view == PrivateView.Tickets || key is null)
        {
            var page = await list.PageAsync(context, state, owner, TicketCursor.First, cancellationToken);
            return page with { Card = PrivateView.Keep(context, page.Card, PrivateView.Tickets, null) };
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(MyTicketsList.PageBudget);
        try
        {
            return await tickets.GetMineAsync(key, owner, budget.Token) is { } ticket
                ? new FollowUpCardResult(
                    PrivateView.Keep(context, FollowUpCards.Details(ticket, UserTimeZone.From(context.Activity), options.Value.MaxCommentLength, Language(context)), PrivateView.Details, key),
                    $"Details of {key}")
                : new FollowUpCardResult(null, FollowUpReplies.NotFound(key, ProjectKey));
        }
        catch (TicketException ex)
        {
            LogFailed(logger, ex.Failure, ex.Message);
            return new FollowUpCardResult(null, FollowUpReplies.Failed(ex));
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new FollowUpCardResult(null, FollowUpReplies.Failed(new TicketException(TicketFailure.Timeout, "ticket details")));
        }
    }

    private async Task DetailsAsync(ITurnContext context, FollowUpState state, string key, CancellationToken cancellationToken)
    {
        if (await GetOwnedAsync(context, key, cancellationToken) is not { } ticket) return;
        state.LastKey = ticket.Key;
        if (PrivateView.Applies(context))
        {
            await SendCardAsync(context, PrivateView.Placeholder(context, PrivateView.Details, ticket.Key), cancellationToken);
            return;
        }

        await SendCardAsync(context, FollowUpCards.Details(ticket, UserTimeZone.From(context.Activity), options.Value.MaxCommentLength, Language(context)), cancellationToken);
    }

    private async Task<AdaptiveCard?> CommentAsync(ITurnContext context, string key, string text, CancellationToken cancellationToken)
    {
        if (Owner(context) is not { } owner)
        {
            await context.SendActivityAsync(FollowUpReplies.NoIdentity, cancellationToken);
            return null;
        }

        var words = text.Trim();
        if (words.Length > options.Value.MaxCommentLength)
        {
            await context.SendActivityAsync(FollowUpReplies.TooLong(words.Length, options.Value.MaxCommentLength), cancellationToken);
            return null;
        }

        var added = await tickets.AddCommentAsync(key, owner, context.Activity.From?.Name ?? string.Empty, words, cancellationToken);
        await context.SendActivityAsync(added is null ? FollowUpReplies.NotFound(key, ProjectKey) : FollowUpReplies.CommentAdded(key), cancellationToken);
        if (added is not null) (await GetStateAsync(context, cancellationToken)).LastKey = key;
        return null;
    }

    private async Task<AdaptiveCard?> MoveAsync(ITurnContext context, FollowUpState state, string key, string text, bool toDone, CancellationToken cancellationToken)
    {
        if (Owner(context) is not { } owner)
        {
            await context.SendActivityAsync(FollowUpReplies.NoIdentity, cancellationToken);
            return null;
        }

        if (text.Trim().Length > options.Value.MaxCommentLength)
        {
            await context.SendActivityAsync(FollowUpReplies.TooLong(text.Trim().Length, options.Value.MaxCommentLength), cancellationToken);
            return null;
        }

        var name = context.Activity.From?.Name ?? string.Empty;
        var result = toDone
            ? await tickets.ResolveAsync(key, owner, name, text, cancellationToken)
            : await tickets.ReopenAsync(key, owner, name, text, cancellationToken);
        if (result is null)
        {
            await context.SendActivityAsync(FollowUpReplies.NotFound(key, ProjectKey), cancellationToken);
            return null;
        }

        state.LastKey = key;
        await context.SendActivityAsync(
            (result.Outcome, toDone) switch
            {
                (TransitionOutcome.Moved, true) => FollowUpReplies.Resolved(key),
                (TransitionOutcome.Moved, false) => FollowUpReplies.Reopened(key),
                (TransitionOutcome.AlreadyThere, true) => FollowUpReplies.AlreadyResolved(key),
                (TransitionOutcome.AlreadyThere, false) => FollowUpReplies.NotClosed(key),
                (_, true) => FollowUpReplies.CannotResolve(key, result.Ticket.Status),
                _ => FollowUpReplies.CannotReopen(key, result.Ticket.Status),
            },
            cancellationToken);
        return FollowUpCards.Details(result.Ticket, UserTimeZone.From(context.Activity), options.Value.MaxCommentLength, Language(context));
    }

    /// <summary>
    /// The key a command is about: as typed, a bare number in the configured project, the newest of
    /// the user's tickets whose summary has the topic words, the one last discussed, or, when the
    /// user has exactly one fitting ticket, that one. Null after telling the user what is missing.
    /// </summary>
    private async Task<string?> ResolveTargetAsync(ITurnContext context, FollowUpState state, FollowUpCommand command, string action,
        bool openOnly, CancellationToken cancellationToken, bool doneOnly = false)
    {
        if (command.Key is { } key) return key;
        if (command.Number is { } number) return $"{ProjectKey}-{number}";
        if (Owner(context) is not { } owner)
        {
            await context.SendActivityAsync(FollowUpReplies.NoIdentity, cancellationToken);
            return null;
        }

        if (command.Topic is null && state.LastKey is { } last) return last;
        if (command.Topic is null && (await supportState.GetDataAsync(context, cancellationToken)).Drafts.LastOrDefault(d => d.TicketKey is not null)?.TicketKey is { } filed)
        {
            return filed;
        }

        var page = await tickets.FindMineAsync(owner, ListSize, cancellationToken);
        var candidates = page.Tickets.Where(t => (!openOnly || !t.IsDone) && (!doneOnly || t.IsDone)).ToList();
        if (command.Topic is { } topic)
        {
            var words = topic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var match = candidates.FirstOrDefault(t => words.All(w => t.Summary.Contains(w, StringComparison.OrdinalIgnoreCase)));
            if (match is null) await context.SendActivityAsync(page.Tickets.Count == 0 ? FollowUpReplies.NoTickets : FollowUpReplies.NoneMatching(topic), cancellationToken);
            return match?.Key;
        }

        if (candidates.Count == 1) return candidates[0].Key;
        await context.SendActivityAsync(page.Tickets.Count == 0 ? FollowUpReplies.NoTickets : FollowUpReplies.WhichTicket(action), cancellationToken);
        return null;
    }

    private async Task<TrackedTicket?> GetOwnedAsync(ITurnContext context, string key, CancellationToken cancellationToken)
    {
        if (Owner(context) is not { } owner)
        {
            await context.SendActivityAsync(FollowUpReplies.NoIdentity, cancellationToken);
            return null;
        }

        await context.SendTypingAsync(cancellationToken);
        var ticket = await tickets.GetMineAsync(key, owner, cancellationToken);
        if (ticket is null) await context.SendActivityAsync(FollowUpReplies.NotFound(key, ProjectKey), cancellationToken);
        return ticket;
    }

    /// <summary>Runs one ticket operation; a backend failure becomes a plain message the user can act on (retry later).</summary>
    private async Task<AdaptiveCard?> RunAsync(ITurnContext context, Func<Task<AdaptiveCard?>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (TicketException ex)
        {
            LogFailed(logger, ex.Failure, ex.Message);
            await context.SendActivityAsync(FollowUpReplies.Failed(ex), cancellationToken);
            return null;
        }
    }

    private Task<AdaptiveCard?> RunAsync(ITurnContext context, Func<Task> operation, CancellationToken cancellationToken) =>
        RunAsync(context, async () =>
        {
            await operation();
            return null;
        }, cancellationToken);

    private static string? Language(ITurnContext context) => LocalizingTurnContext.LanguageOf(context);

    /// <summary>"cancel", "abbrechen", "annuler" skip the pending comment instead of becoming it, as the question promised.</summary>
    private bool IsCancelOrHelp(ITurnContext context, string text) => Utterances.IsCancel(text) || Utterances.IsHelp(text)
        || intents.Recognize(text, Language(context) ?? LanguageDetector.English).Overlaps([IntentIds.Cancel, IntentIds.Help]);

    private static string? Owner(ITurnContext context) =>
        context.Activity.From?.AadObjectId is { Length: > 0 } id ? id : null;

    private async Task<FollowUpState> GetStateAsync(ITurnContext context, CancellationToken cancellationToken) =>
        (await _state.GetAsync(context, () => new FollowUpState(), cancellationToken))!;

    internal static async Task SendCardAsync(ITurnContext context, AdaptiveCard card, CancellationToken cancellationToken)
    {
        var message = Activity.CreateMessageActivity();
        message.Attachments = [card.ToAttachment()];
        await context.SendActivityAsync(message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up command {Intent}")]
    private static partial void LogCommand(ILogger logger, FollowUpIntent intent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up failed ({Failure}): {Detail}")]
    private static partial void LogFailed(ILogger logger, TicketFailure failure, string detail);
}
