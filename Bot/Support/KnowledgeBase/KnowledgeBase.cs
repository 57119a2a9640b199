namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>The loaded guides: the topics in file order plus the general first steps used when nothing matches.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, Topic> _byId;

    public KnowledgeBase(IReadOnlyList<Topic> topics, Topic general, string source)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(general);
        Topics = topics;
        General = general;
        Source = source;
        _byId = new Dictionary<string, Topic>(StringComparer.OrdinalIgnoreCase);
        foreach (var topic in topics)
        {
            _byId[topic.Id] = topic;
        }

        _byId.TryAdd(general.Id, general);
    }

    public IReadOnlyList<Topic> Topics { get; }

    /// <summary>Generic first steps (restart, updates, network) for problems no topic covers.</summary>
    public Topic General { get; }

    /// <summary>The file (or other source) the topics came from, for messages and logs.</summary>
    public string Source { get; }

    /// <summary>A topic (or the general one) by id, case-insensitive; null when unknown.</summary>
    public Topic? FindTopic(string? id) =>
        id is not null && _byId.TryGetValue(id, out var topic) ? topic : null;
}
