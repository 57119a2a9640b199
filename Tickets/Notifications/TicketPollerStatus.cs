namespace TeamsItBot.Tickets.Notifications;

/// <summary>What the change poller of this instance is doing, for /readyz and diagnostics.</summary>
public sealed class TicketPollerStatus
{
    private readonly Lock _gate = new();
    private long _jiraCalls;
    private long _polls;

    public enum Mode
    {
        Starting,
        Off,
        Standby,
        Polling,
        BackingOff,
    }

    public Mode Current { get; private set; } = Mode.Starting;

    /// <summary>Why it is off or backing off (a failure kind, never a secret or an admin detail).</summary>
    public string? Reason { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public DateTimeOffset? LastPollAt { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Tool calls the poller made to the ticket backend since start.</summary>
    public long JiraCalls => Interlocked.Read(ref _jiraCalls);

    /// <summary>Polls completed since start.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    public void CountJiraCalls(int calls) => Interlocked.Add(ref _jiraCalls, calls);

    public void Off(string reason) => Set(Mode.Off, reason, 0, null);

    public void Standby() => Set(Mode.Standby, null, 0, null);

    public void Polled(DateTimeOffset at)
    {
        Interlocked.Increment(ref _polls);
        lock (_gate)
        {
            LastPollAt = at;
        }

        Set(Mode.Polling, null, 0, null);
    }

    public void BackingOff(string reason, int failures, DateTimeOffset next) => Set(Mode.BackingOff, reason, failures, next);

    private void Set(Mode mode, string? reason, int failures, DateTimeOffset? next)
    {
        lock (_gate)
        {
            Current = mode;
            Reason = reason;
            ConsecutiveFailures = failures;
            NextAttemptAt = next;
        }
    }
}
