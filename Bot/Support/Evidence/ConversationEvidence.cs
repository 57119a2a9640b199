using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Support.Evidence;

/// <summary>
/// The open problem's evidence in conversation state: the transcript bounded to its first and last
/// turns (<see cref="Omitted"/> counts those in between) and the files already stored on disk. It
/// exists only while a problem is open or a ticket is offered, so an idle conversation stores none.
/// </summary>
public sealed class ConversationEvidence
{
    public List<TranscriptTurn> First { get; set; } = [];

    public List<TranscriptTurn> Last { get; set; } = [];

    public int Omitted { get; set; }

    public List<EvidenceFile> Files { get; set; } = [];

    /// <summary>Adds a turn, keeping the first fifth of <paramref name="maxTurns"/> and the most recent rest.</summary>
    public void Add(TranscriptTurn turn, int maxTurns)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var firstPart = Math.Max(1, maxTurns / 5);
        if (First.Count < firstPart)
        {
            First.Add(turn);
            return;
        }

        Last.Add(turn);
        if (Last.Count > maxTurns - firstPart)
        {
            Last.RemoveAt(0);
            Omitted++;
        }
    }

    public int TurnCount => First.Count + Last.Count + Omitted;

    public TicketEvidence ToTicketEvidence() => new([.. First, .. Last], [.. Files], Omitted, First.Count);
}
