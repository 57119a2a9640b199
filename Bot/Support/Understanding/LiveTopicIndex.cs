namespace TeamsItBot.Support.Understanding;

/// <summary>
/// The topic index conversations match against now. A valid knowledge-base edit builds a new index beside
/// the old one and swaps it in whole (a turn sees one version or the other, never half of each); a refused
/// edit leaves the old one serving.
/// </summary>
public sealed class LiveTopicIndex(TopicIndex initial)
{
    private volatile TopicIndex _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public TopicIndex Current => _current;

    public void Replace(TopicIndex index) => _current = index ?? throw new ArgumentNullException(nameof(index));
}
