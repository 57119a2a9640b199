using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Support.KnowledgeBase;

/// <summary>A topic's "ticket" section: issue type, priority, components and labels over the global defaults.</summary>
public sealed class TopicTicketFieldsTests
{
    private const string General = """ "general": { "title": "General", "steps": ["Restart"] } """;

    private static string Kb(string ticket) => $$"""
        { {{General}}, "topics": [ { "id": "outlook", "title": "Outlook", "keywords": ["outlook"], "steps": ["a"], "ticket": {{ticket}} } ] }
        """;

    [Fact]
    public void Ticket_section_is_read_and_trimmed()
    {
        var topic = KnowledgeBaseLoader.Parse(
            Kb("""{ "issueType": " Bug ", "priority": "Highest", "components": ["Email", " Exchange "], "labels": ["outlook"] }"""), "kb.json").Topics[0];

        Assert.Equal(new TicketFields("Bug", "Highest", ["Email", "Exchange"], ["outlook"]), topic.Ticket, new FieldsComparer());
    }

    [Fact]
    public void Topics_without_a_ticket_section_keep_the_defaults()
    {
        var knowledgeBase = KnowledgeBaseLoader.Parse(
            $$"""{ {{General}}, "topics": [ { "id": "vpn", "title": "VPN", "keywords": ["vpn"], "steps": ["a"] } ] }""", "kb.json");

        Assert.Null(knowledgeBase.Topics[0].Ticket);
        Assert.Null(knowledgeBase.General.Ticket);
    }

    [Theory]
    [InlineData("""{ "issueType": " " }""", "topic #1 ('outlook') \"ticket.issueType\" is empty")]
    [InlineData("""{ "priority": "" }""", "topic #1 ('outlook') \"ticket.priority\" is empty")]
    [InlineData("""{ "components": ["Email,Exchange"] }""", "ticket component 'Email,Exchange' contains a comma")]
    [InlineData("""{ "components": [""] }""", "\"ticket.components\" item #1 is empty")]
    [InlineData("""{ "labels": ["two words"] }""", "ticket label 'two words' contains a space")]
    [InlineData("""{ "labels": [null] }""", "\"ticket.labels\" item #1 is empty")]
    public void Unusable_fields_are_refused_naming_topic_and_field(string ticket, string expected)
    {
        var error = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBaseLoader.Parse(Kb(ticket), "kb.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_section_of_the_wrong_shape_is_invalid_json_for_the_schema()
    {
        var error = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBaseLoader.Parse(Kb("""{ "labels": "outlook" }"""), "kb.json"));

        Assert.Contains("kb.json", error.Message, StringComparison.Ordinal);
    }

    private sealed class FieldsComparer : IEqualityComparer<TicketFields?>
    {
        public bool Equals(TicketFields? x, TicketFields? y) =>
            x is not null && y is not null && x.IssueType == y.IssueType && x.Priority == y.Priority
            && (x.Components ?? []).SequenceEqual(y.Components ?? []) && (x.Labels ?? []).SequenceEqual(y.Labels ?? []);

        public int GetHashCode(TicketFields? obj) => 0;
    }
}
