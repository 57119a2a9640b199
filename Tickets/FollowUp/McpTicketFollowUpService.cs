using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using TeamsItBot.Tickets.Notifications;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// <see cref="ITicketFollowUpService"/> over the MCP session of <see cref="McpJiraTicketService"/>
/// (same deadline, session renewal, failure classes and metrics). Ownership is checked on the
/// ticket's labels before anything is read out or written.
/// </summary>
public sealed partial class McpTicketFollowUpService(
    McpJiraTicketService mcp,
    TicketBackendEndpoints endpoints,
    IOptions<TicketOptions> ticketOptions,
    IOptions<FollowUpOptions> options,
    ILogger<McpTicketFollowUpService> logger,
    ITrackedTicketStore? tracked = null,
    TimeProvider? timeProvider = null) : ITicketFollowUpService
{
    private string ProjectKey => ticketOptions.Value.ProjectKey;

    public async Task<TrackedTicket?> GetMineAsync(string issueKey, string ownerObjectId, CancellationToken cancellationToken)
    {
        if (!FollowUpArguments.IsProjectKey(issueKey, ProjectKey) || string.IsNullOrWhiteSpace(ownerObjectId)) return null;
        var result = await mcp.CallToolAsync("get_issue", FollowUpTools.GetIssue, FollowUpArguments.GetIssue(issueKey), cancellationToken);
        if (result.IsError == true)
        {
            ThrowIfAuthentication(result, "get_issue");
            // Not found, not visible, restricted: all the same to the person asking.
            return null;
        }

        using var json = FollowUpResultReader.Parse(result);
        var ticket = json is null ? null : FollowUpResultReader.Ticket(json.RootElement, endpoints.Resolve().BrowseBase);
        if (ticket is null) throw Unreadable("get_issue", result);
        if (!TicketOwnership.IsOwnedBy(ticket.Labels, ownerObjectId))
        {
            LogNotOwner(logger, issueKey);
            return null;
        }

        return ticket;
    }

    public async Task<TicketComment?> AddCommentAsync(string issueKey, string ownerObjectId, string authorName, string text, CancellationToken cancellationToken)
    {
        if (await GetMineAsync(issueKey, ownerObjectId, cancellationToken) is null) return null;
        return await CommentAsync(issueKey, JiraCommentFormat.Comment(authorName, Limit(text), flavor: ticketOptions.Value.EffectiveFlavor), cancellationToken);
    }

    public Task<TransitionResult?> ResolveAsync(string issueKey, string ownerObjectId, string authorName, string comment, CancellationToken cancellationToken) =>
        MoveAsync(issueKey, ownerObjectId, JiraCommentFormat.Comment(authorName, Limit(comment), "asked to close the ticket", ticketOptions.Value.EffectiveFlavor), toDone: true, cancellationToken);

    public Task<TransitionResult?> ReopenAsync(string issueKey, string ownerObjectId, string authorName, string comment, CancellationToken cancellationToken) =>
        MoveAsync(issueKey, ownerObjectId, JiraCommentFormat.Comment(authorName, Limit(comment), "asked to reopen the ticket", ticketOptions.Value.EffectiveFlavor), toDone: false, cancellationToken);

    private async Task<TransitionResult?> MoveAsync(string issueKey, string ownerObjectId, string body, bool toDone, CancellationToken cancellationToken)
    {
        if (await GetMineAsync(issueKey, ownerObjectId, cancellationToken) is not { } ticket) return null;
        if (ticket.IsDone == toDone)
        {
            await CommentAsync(issueKey, body, cancellationToken);
            return new TransitionResult(TransitionOutcome.AlreadyThere, ticket);
        }

        var listed = await mcp.CallToolAsync("get_transitions", FollowUpTools.GetTransitions, FollowUpArguments.GetTransitions(issueKey), cancellationToken);
        IReadOnlyList<TicketTransition> transitions = [];
        if (listed.IsError != true)
        {
            using var json = FollowUpResultReader.Parse(listed);
            transitions = (json is null ? null : FollowUpResultReader.Transitions(json.RootElement)) ?? throw Unreadable("get_transitions", listed);
        }

        var transition = toDone
            ? TransitionPicker.Resolve(transitions, options.Value.ResolveTransition)
            : TransitionPicker.Reopen(transitions, options.Value.ReopenTransition);
        if (transition is not null)
        {
            var moved = await mcp.CallToolAsync("transition_issue", FollowUpTools.TransitionIssue,
                FollowUpArguments.Transition(issueKey, transition.Id, body), cancellationToken);
            if (moved.IsError != true)
            {
                LogMoved(logger, issueKey, transition.Name);
                using var json = FollowUpResultReader.Parse(moved);
                var after = json is not null && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("issue", out var issue)
                    ? FollowUpResultReader.Ticket(issue, endpoints.Resolve().BrowseBase)
                    : null;
                if (after is not null) await NoteOwnMoveAsync(after, cancellationToken);
                return new TransitionResult(TransitionOutcome.Moved, after ?? ticket);
            }

            ThrowIfAuthentication(moved, "transition_issue");
            var refusal = Shorten(FollowUpResultReader.Text(moved));
            LogTransitionRefused(logger, issueKey, transition.Name, refusal);
        }
        else
        {
            var offered = string.Join(", ", transitions.Select(t => t.Name));
            LogNoTransition(logger, issueKey, ticket.Status, offered);
        }

        await CommentAsync(issueKey, body, cancellationToken);
        return new TransitionResult(TransitionOutcome.NotAllowed, ticket);
    }

    /// <summary>
    /// The employee moved the ticket through the bot and was told so in the reply: the tracked state takes
    /// the new status, so the poller does not announce the same move again a minute later.
    /// </summary>
    private async Task NoteOwnMoveAsync(TrackedTicket after, CancellationToken cancellationToken)
    {
        if (tracked is null) return;
        try
        {
            if ((await tracked.GetAsync([after.Key], cancellationToken)).GetValueOrDefault(after.Key) is not { } record
                || record.State.Status.Length == 0 || string.Equals(record.State.Status, after.Status, StringComparison.Ordinal))
            {
                return;
            }

            // Compare-and-set: when a poll got there first, its notice stands and this changes nothing.
            await tracked.TryAdvanceAsync(record.State, record.State with { Status = after.Status }, after.IsDone,
                (timeProvider ?? TimeProvider.System).GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogOwnMoveNotNoted(logger, ex, after.Key);
        }
    }

    private async Task<TicketComment> CommentAsync(string issueKey, string body, CancellationToken cancellationToken)
    {
        var result = await mcp.CallToolAsync("add_comment", FollowUpTools.AddComment, FollowUpArguments.AddComment(issueKey, body), cancellationToken);
        if (result.IsError == true)
        {
            ThrowIfAuthentication(result, "add_comment");
            var text = FollowUpResultReader.Text(result);
            throw new TicketException(TicketFailure.Rejected, $"add_comment on {issueKey} refused: {Shorten(text)}") { BackendMessage = Shorten(text) };
        }

        using var json = FollowUpResultReader.Parse(result);
        return (json is null ? null : FollowUpResultReader.Comment(json.RootElement)) ?? throw Unreadable("add_comment", result);
    }

    private string Limit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Callers check the length and tell the user; this is the backstop.
        return text.Length <= options.Value.MaxCommentLength ? text : text[..options.Value.MaxCommentLength];
    }

    private static void ThrowIfAuthentication(CallToolResult result, string operation)
    {
        var text = FollowUpResultReader.Text(result);
        if (text.Contains("Authentication failed", StringComparison.OrdinalIgnoreCase))
        {
            throw new TicketException(TicketFailure.AuthenticationFailed, $"{operation}: {Shorten(text)}");
        }
    }

    private static TicketException Unreadable(string operation, CallToolResult result) =>
        new(TicketFailure.ProtocolError, $"{operation} returned a result the bot cannot read: {Shorten(FollowUpResultReader.Text(result))}");

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {IssueKey} is not the asking user's; answered as not found")]
    private static partial void LogNotOwner(ILogger logger, string issueKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {IssueKey} moved, but its tracked state could not take the new status; the poller may announce the move")]
    private static partial void LogOwnMoveNotNoted(ILogger logger, Exception exception, string issueKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {IssueKey} moved with transition {Transition}")]
    private static partial void LogMoved(ILogger logger, string issueKey, string transition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jira refused transition {Transition} on {IssueKey}: {JiraMessage}; added the comment only")]
    private static partial void LogTransitionRefused(ILogger logger, string issueKey, string transition, string jiraMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "No fitting transition for {IssueKey} in status {Status} (offered: {Transitions}); added the comment only (see Tickets:FollowUp)")]
    private static partial void LogNoTransition(ILogger logger, string issueKey, string status, string transitions);
}
