using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Support.Conversation;

/// <summary>Whether an in-turn reply reached the connector, and when it may be tried again if not.</summary>
public sealed record ReplyOutcome(bool Delivered, TimeSpan? RetryAfter = null)
{
    public static readonly ReplyOutcome Sent = new(true);
}

/// <summary>
/// The ticket turn's sends, bounded so the connector cannot decide a ticket's outcome: Teams gives
/// an invoke 15 s, and a connector that fails (500, 403, closed connection) or hangs until the
/// HttpClient's 30 s would otherwise fail the turn (HTTP 500, click lost) or hold it past Teams'
/// patience. Replies that matter are bounded and report whether they arrived; cosmetic ones
/// (typing, card replacements) run beside the turn, one after another, and are only logged.
/// </summary>
public sealed partial class TurnSends(ILogger<TurnSends> logger)
{
    /// <summary>The longest an in-turn reply may hold the turn; what is not delivered by then goes to the outbox.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(4);

    /// <summary>A cosmetic send's bound (it never holds the turn, but must not linger for the HttpClient's 30 s either).</summary>
    public static readonly TimeSpan CosmeticTimeout = TimeSpan.FromSeconds(10);

    private const string CosmeticChainKey = "ItSupport.CosmeticSends";

    /// <summary>Sends <paramref name="activity"/>; never throws for a connector failure, a timeout or an untrusted serviceUrl.</summary>
    public async Task<ReplyOutcome> TryReplyAsync(ITurnContext context, Activity activity, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ReplyTimeout);
        try
        {
            await context.SendActivityAsync(activity, bounded.Token);
            return ReplyOutcome.Sent;
        }
        catch (Exception ex) when (IsSendFailure(ex, cancellationToken))
        {
            var retryAfter = (ex as ConnectorException)?.RetryAfter;
            LogReplyFailed(ex, what, ReplyTimeout.TotalSeconds, retryAfter);
            return new ReplyOutcome(false, retryAfter);
        }
    }

    /// <summary>
    /// Starts a cosmetic send after the turn's earlier ones (so card replacements land in order) and
    /// returns at once; the returned task never fails.
    /// </summary>
    public Task Decorate(ITurnContext context, string what, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(send);
        var previous = context.TurnState.TryGetValue(CosmeticChainKey, out var value) && value is Task earlier ? earlier : Task.CompletedTask;
        var next = RunAfterAsync(previous, what, send, cancellationToken);
        context.TurnState[CosmeticChainKey] = next;
        return next;
    }

    /// <summary>The typing indicator, as a cosmetic send.</summary>
    public Task DecorateTyping(ITurnContext context, CancellationToken cancellationToken) =>
        Decorate(context, "typing", token => context.SendTypingAsync(token), cancellationToken);

    private async Task RunAfterAsync(Task previous, string what, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        await previous;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(CosmeticTimeout);
        try
        {
            await send(bounded.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException || IsSendFailure(ex, cancellationToken))
        {
            // Cosmetic: the outcome is recorded and told elsewhere; a stale card answers with it if clicked.
            LogCosmeticFailed(ex, what);
        }
    }

    /// <summary>Anything the connector path throws, except the host shutting the turn down.</summary>
    private static bool IsSendFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is ConnectorException or HttpRequestException or UntrustedServiceUrlException or IOException or InvalidOperationException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver {What} within {TimeoutSeconds} s (Retry-After {RetryAfter})")]
    private partial void LogReplyFailed(Exception exception, string what, double timeoutSeconds, TimeSpan? retryAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosmetic send {What} failed; the outcome does not depend on it")]
    private partial void LogCosmeticFailed(Exception exception, string what);
}
