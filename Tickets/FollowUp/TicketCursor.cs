using System.Text.Json.Serialization;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// Where a page of "my tickets" starts: <see cref="Open"/> open and <see cref="Done"/> done tickets come
/// before it in the list's order (open newest first, then done newest first). Two counts rather than one
/// offset, so a page that starts among the done tickets needs no count of the open ones: Cloud's search
/// has no total.
/// </summary>
public sealed record TicketCursor(int Open, int Done)
{
    /// <summary>
    /// The furthest a page may start. Cloud ignores start_at, so reaching ticket N reads N tickets
    /// (50 a call); this keeps the deepest page within the few seconds a card click may take.
    /// </summary>
    public const int MaxStart = 200;

    public static TicketCursor First { get; } = new(0, 0);

    /// <summary>How many tickets come before the page.</summary>
    [JsonIgnore]
    public int Start => Open + Done;

    /// <summary>True for a cursor <see cref="McpTicketFollowUpService"/> accepts: no negative count, start at most <see cref="MaxStart"/>.</summary>
    [JsonIgnore]
    public bool IsWithinLimits => Open >= 0 && Done >= 0 && (long)Open + Done <= MaxStart;

    /// <summary>The cursor for these counts, or null when one is negative or the start is beyond <see cref="MaxStart"/>.</summary>
    public static TicketCursor? TryCreate(long open, long done) =>
        open is >= 0 and <= MaxStart && done is >= 0 and <= MaxStart && open + done <= MaxStart ? new((int)open, (int)done) : null;
}
