namespace TeamsItBot.Tickets.Outbox;

/// <summary>Exponential backoff with jitter: replicas retrying together spread out instead of hammering Jira in step.</summary>
public static class OutboxBackoff
{
    /// <summary>Between half and all of initial x 2^(attempts-1), capped at <paramref name="max"/>.</summary>
    public static TimeSpan Delay(int attempts, TimeSpan initial, TimeSpan max, double random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var full = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((full / 2) + (full / 2 * Math.Clamp(random, 0, 1)));
    }
}
