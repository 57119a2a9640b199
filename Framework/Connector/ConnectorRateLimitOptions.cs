namespace TeamsItBot.Framework.Connector;

/// <summary>
/// How fast the bot sends to Teams (section <c>ConnectorRateLimits</c>, e.g.
/// <c>ConnectorRateLimits__PerTenantPerSecond</c>). The defaults are Teams' documented limits per bot
/// per thread in bursts (7 in 1 s, 8 in 2 s) and per app per tenant (50 requests per second);
/// the longer per-thread windows (60 in 30 s, 1800 an hour) are left to Teams' 429 and Retry-After.
/// Sending slower than Teams would throttle costs a queued send a short wait, while going over costs
/// a 429 and, repeated, a longer block.
/// </summary>
public sealed class ConnectorRateLimitOptions
{
    public const string SectionName = "ConnectorRateLimits";

    /// <summary>False: no pacing (429s are still honoured).</summary>
    public bool Enabled { get; set; } = true;

    public int PerConversationPerSecond { get; set; } = 7;
    public int PerConversationPerTwoSeconds { get; set; } = 8;
    public int PerTenantPerSecond { get; set; } = 50;

    /// <summary>
    /// Sends that may wait for one conversation (and for one tenant). Past this a send fails at once
    /// with a 429-like <see cref="ConnectorException"/> carrying a Retry-After, so memory stays bounded
    /// and a durable caller (the outbox) retries later.
    /// </summary>
    public int QueueLimit { get; set; } = 500;

    /// <summary>Names every invalid setting; empty when all are fine.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(PerConversationPerSecond), PerConversationPerSecond),
            (nameof(PerConversationPerTwoSeconds), PerConversationPerTwoSeconds),
            (nameof(PerTenantPerSecond), PerTenantPerSecond),
        })
        {
            if (value <= 0)
            {
                yield return $"{SectionName}:{name} must be positive (got {value})";
            }
        }

        if (QueueLimit < 0)
        {
            yield return $"{SectionName}:{nameof(QueueLimit)} must not be negative (got {QueueLimit})";
        }
    }
}
