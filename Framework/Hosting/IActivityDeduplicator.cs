using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

/// <summary>
/// Recognises redelivered activities (Teams retries requests slower than 15 s with the same id).
/// The first delivery gets a lease it must complete or abandon; a redelivery gets the first
/// delivery's outcome, so an invoke is answered the same way twice and runs once.
/// </summary>
public interface IActivityDeduplicator
{
    Task<DeliveryClaim> ClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken = default);
}

public abstract class DeliveryClaim
{
    /// <summary>True when an earlier delivery of the same activity has run or is running.</summary>
    public abstract bool IsDuplicate { get; }

    /// <summary>For a duplicate: how the earlier delivery ended, once it has.</summary>
    public abstract Task<DeliveryOutcome> EarlierOutcome { get; }

    public abstract void Complete(InvokeResponse? response);

    /// <summary>The turn failed: a later redelivery may run it again.</summary>
    public abstract void Abandon();

    /// <summary>
    /// <see cref="Complete"/> without holding a thread: a claim kept in a database overrides this,
    /// so a busy store makes the request wait, not the thread pool.
    /// </summary>
    public virtual ValueTask CompleteAsync(InvokeResponse? response)
    {
        Complete(response);
        return ValueTask.CompletedTask;
    }

    /// <summary><see cref="Abandon"/> without holding a thread.</summary>
    public virtual ValueTask AbandonAsync()
    {
        Abandon();
        return ValueTask.CompletedTask;
    }
}

/// <summary>How a delivery ended: completed (with its invoke response, if any) or abandoned.</summary>
public sealed record DeliveryOutcome(bool Completed, InvokeResponse? InvokeResponse);
