namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>The JSON shape of the knowledge base file, before validation (see <see cref="KnowledgeBaseLoader"/>).</summary>
internal sealed class KnowledgeBaseDocument
{
    public int Version { get; set; }

    /// <summary>Set in a translation file (knowledge-base.de.json): the language its texts are in.</summary>
    public string? Language { get; set; }

    public TopicDocument? General { get; set; }

    public List<TopicDocument?>? Topics { get; set; }
}

internal sealed class TopicDocument
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public List<string?>? Keywords { get; set; }

    public List<string?>? Phrases { get; set; }

    public List<string?>? Steps { get; set; }

    public List<string?>? Examples { get; set; }

    public TicketFieldsDocument? Ticket { get; set; }
}

internal sealed class TicketFieldsDocument
{
    public string? IssueType { get; set; }

    public string? Priority { get; set; }

    public List<string?>? Components { get; set; }

    public List<string?>? Labels { get; set; }
}
