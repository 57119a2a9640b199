namespace TeamsItBot.Tickets.Outbox;

/// <summary>Where a recorded ticket stands.</summary>
public enum OutboxStatus
{
    /// <summary>Recorded, waiting for its (next) attempt at <see cref="OutboxItem.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Claimed by one instance (a lease) and being sent; a crashed sender's lease runs out.</summary>
    Sending,

    /// <summary>The ticket exists: <see cref="OutboxItem.TicketKey"/>.</summary>
    Created,

    /// <summary>Permanently refused, or still failing at the give-up time; kept for an admin.</summary>
    GivenUp,
}

/// <summary>
/// One confirmed ticket in the durable outbox, keyed by its draft id. <see cref="NotifyTarget"/> is
/// opaque here: whoever submitted the draft stores there what its notifier needs to tell the user.
/// </summary>
public sealed record OutboxItem
{
    public required string DraftId { get; init; }
    public required TicketDraft Draft { get; init; }
    public string? NotifyTarget { get; init; }
    public OutboxStatus Status { get; init; }

    /// <summary>Send attempts begun (counted when claimed): above 1, an earlier one may have reached Jira.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? TicketKey { get; init; }
    public string? BrowseUrl { get; init; }

    /// <summary>Admin detail of the last failure (never shown to users, never contains secrets).</summary>
    public string? LastError { get; init; }

    public TicketFailure? LastFailure { get; init; }

    /// <summary>The outcome happened in the background: the user still has to be told.</summary>
    public bool NotifyPending { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the current series of attempts began: the give-up time counts from here.</summary>
    public DateTimeOffset ArmedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public TicketResult? Result =>
        TicketKey is not null && Uri.TryCreate(BrowseUrl, UriKind.Absolute, out var url) ? new TicketResult(TicketKey, url) : null;

    public static OutboxItem New(TicketDraft draft, string? notifyTarget, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new()
        {
            DraftId = draft.Id,
            Draft = draft,
            NotifyTarget = notifyTarget,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            ArmedAt = now,
            UpdatedAt = now,
        };
    }
}
