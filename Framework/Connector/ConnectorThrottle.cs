using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace TeamsItBot.Framework.Connector;

/// <summary>
/// Paces the bot's sends to Teams: per conversation thread and per tenant (partitioned sliding
/// windows from System.Threading.RateLimiting; a send over the limit waits its turn in a bounded
/// queue), and after a 429 the conversation's later sends wait out its Retry-After. Partitions of
/// conversations that went quiet are dropped by the partitioned limiter, and expired pauses on the
/// next 429, so memory follows the active conversations only.
/// </summary>
public sealed class ConnectorThrottle : IAsyncDisposable
{
    /// <summary>Without a Retry-After a 429 still pauses the conversation this long.</summary>
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(1);

    private const int PauseSweepThreshold = 1024;

    private readonly PartitionedRateLimiter<ConnectorSendKey>? _limiter;
    private readonly PartitionedRateLimiter<ConnectorSendKey>? _inFlight;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxWait;

    public ConnectorThrottle(ConnectorRateLimitOptions options, TimeProvider time, TimeSpan maxWait)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _maxWait = maxWait;
        if (options.Enabled)
        {
            var queue = options.QueueLimit;
            // Chained in this order so the tightest burst rule is the last gate before the request leaves.
            // Only the short windows are paced here: a limiter lives (with its timer) as long as its window,
            // and an hour-long one per conversation cost a third of the bench's throughput. Teams' 60 in 30 s
            // and 1800 an hour per thread are far beyond what one conversation with this bot sends; if they
            // are ever hit, Teams' 429 and its Retry-After pause the conversation (see Pause).
            _limiter = PartitionedRateLimiter.CreateChained(
                PerTenant(options.PerTenantPerSecond, TimeSpan.FromSeconds(1), 6, queue),
                PerConversation(options.PerConversationPerTwoSeconds, TimeSpan.FromSeconds(2), 6, queue),
                PerConversation(options.PerConversationPerSecond, TimeSpan.FromSeconds(1), 6, queue));
            // One send at a time per conversation: messages keep their order, and a slow request
            // cannot be overtaken by later ones that would then reach Teams closer together than paced.
            _inFlight = PartitionedRateLimiter.Create<ConnectorSendKey, string>(send => RateLimitPartition.GetConcurrencyLimiter(
                send.ConversationKey, _ => new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }),
                StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Waits until a send to the conversation may leave; dispose the result when the send is answered
    /// (the conversation's next send waits for that).
    /// </summary>
    /// <exception cref="ConnectorException">429 with a Retry-After: the queue is full, so the caller should send later.</exception>
    public async ValueTask<IDisposable?> AcquireAsync(string? tenantId, string conversationKey, CancellationToken cancellationToken)
    {
        if (_limiter is null || _inFlight is null)
        {
            return null;
        }

        var key = new ConnectorSendKey(tenantId ?? string.Empty, conversationKey);
        // With permits free (a reply within a turn) every limiter answers synchronously: no wait, no timer.
        var turn = await _inFlight.AcquireAsync(key, 1, cancellationToken);
        try
        {
            ThrowIfQueueFull(turn, conversationKey);
            using var paced = await _limiter.AcquireAsync(key, 1, cancellationToken);
            ThrowIfQueueFull(paced, conversationKey);
            return turn;
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    private static void ThrowIfQueueFull(RateLimitLease lease, string conversationKey)
    {
        if (!lease.IsAcquired)
        {
            throw new ConnectorException(429, $"Too many sends are waiting for conversation {conversationKey}; send later.")
            {
                RetryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : DefaultPause,
            };
        }
    }

    /// <summary>The connector answered 429: nothing more goes to that conversation before <paramref name="retryAfter"/> has passed.</summary>
    public void Pause(string conversationKey, TimeSpan? retryAfter)
    {
        var now = _time.GetUtcNow();
        var until = now + (retryAfter is { } wait && wait > TimeSpan.Zero ? wait : DefaultPause);
        _pausedUntil.AddOrUpdate(conversationKey, until, (_, current) => current > until ? current : until);
        if (_pausedUntil.Count > PauseSweepThreshold)
        {
            foreach (var (key, expires) in _pausedUntil)
            {
                if (expires <= now)
                {
                    _pausedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, expires));
                }
            }
        }
    }

    /// <summary>
    /// How long the conversation is still paused: zero when it is not, the remaining wait when it is.
    /// </summary>
    public TimeSpan PausedFor(string conversationKey)
    {
        if (!_pausedUntil.TryGetValue(conversationKey, out var until))
        {
            return TimeSpan.Zero;
        }

        var remaining = until - _time.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            return remaining;
        }

        _pausedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(conversationKey, until));
        return TimeSpan.Zero;
    }

    /// <summary>
    /// Waits out a pause short enough to wait within one send; a longer one throws the 429 with the
    /// remaining Retry-After so the caller can send later instead of holding a turn.
    /// </summary>
    public async ValueTask WaitOutPauseAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var remaining = PausedFor(conversationKey);
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        if (remaining > _maxWait)
        {
            throw new ConnectorException(429, $"Teams asked the bot to wait before sending to conversation {conversationKey} again.")
            {
                RetryAfter = remaining,
            };
        }

        await Task.Delay(remaining, _time, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_limiter is not null) await _limiter.DisposeAsync();
        if (_inFlight is not null) await _inFlight.DisposeAsync();
    }

    private static PartitionedRateLimiter<ConnectorSendKey> PerConversation(int permits, TimeSpan window, int segments, int queue) =>
        PartitionedRateLimiter.Create<ConnectorSendKey, string>(send =>
            RateLimitPartition.GetSlidingWindowLimiter(send.ConversationKey, _ => Window(permits, window, segments, queue)), StringComparer.Ordinal);

    private static PartitionedRateLimiter<ConnectorSendKey> PerTenant(int permits, TimeSpan window, int segments, int queue) =>
        PartitionedRateLimiter.Create<ConnectorSendKey, string>(send =>
            RateLimitPartition.GetSlidingWindowLimiter(send.TenantId, _ => Window(permits, window, segments, queue)), StringComparer.Ordinal);

    /// <summary>
    /// A sliding window frees a segment's permits one segment early for a send made at the segment's
    /// end, so the configured window is one segment longer than the rule, plus a tenth for the
    /// network's jitter between leaving here and reaching Teams: any window of the rule's length then
    /// holds at most <paramref name="permits"/> sends as Teams counts them.
    /// </summary>
    private static SlidingWindowRateLimiterOptions Window(int permits, TimeSpan window, int segments, int queue) => new()
    {
        PermitLimit = permits,
        Window = window * 1.1 / (segments - 1) * segments,
        SegmentsPerWindow = segments,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    private readonly record struct ConnectorSendKey(string TenantId, string ConversationKey);
}
