using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tests.Tickets.FollowUp;

public sealed class TicketChangeDetectorTests
{
    private static readonly Uri Browse = new("https://acme.atlassian.net/browse/ITSUPPORT-1");

    private static TrackedTicket Ticket(string status, string? assignee, params TicketComment[] comments) =>
        new("ITSUPPORT-1", "VPN drops", status, status, assignee, DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Browse, [], comments);

    [Fact]
    public void Status_assignee_and_agent_comments_are_reported_and_a_second_look_reports_nothing()
    {
        var filed = TicketChangeDetector.Baseline(Ticket("To Do", null));
        var now = Ticket("In Progress", "Bo Agent", new TicketComment("10051", "Bo Agent", "Please reboot", null));

        var (changes, next) = TicketChangeDetector.Compare(filed, now);
        var (again, _) = TicketChangeDetector.Compare(next, now);

        Assert.Equal([TicketChangeKind.StatusChanged, TicketChangeKind.Assigned, TicketChangeKind.Commented], changes.Select(c => c.Kind));
        Assert.Equal(("To Do", "In Progress"), (changes[0].From, changes[0].To));
        Assert.Equal(("Bo Agent", "Please reboot"), (changes[2].Author, changes[2].To));
        Assert.Equal(10051, next.LastCommentId);
        Assert.Empty(again);
    }

    [Fact]
    public void Comments_the_bot_wrote_are_not_echoed_but_still_move_the_mark()
    {
        var filed = TicketChangeDetector.Baseline(Ticket("To Do", null));
        var now = Ticket("To Do", null,
            new TicketComment("10060", "IT Bot", JiraCommentFormat.Comment("Ann Lee", "also on the dock"), null),
            new TicketComment("10061", "Bo Agent", "Noted", null));

        var (changes, next) = TicketChangeDetector.Compare(filed, now);

        var change = Assert.Single(changes);
        Assert.Equal("ITSUPPORT-1:comment:10061", change.Id);
        Assert.Equal(10061, next.LastCommentId);
    }

    [Fact]
    public void Comment_ids_compare_as_numbers_not_text()
    {
        var stored = new TrackedTicketState("ITSUPPORT-1", "To Do", null, 9999, null);

        var (changes, next) = TicketChangeDetector.Compare(stored, Ticket("To Do", null, new TicketComment("10000", "Bo", "hi", null)));

        Assert.Single(changes);
        Assert.Equal(10000, next.LastCommentId);
    }
}

public sealed class TicketOwnershipTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("(unknown)")]
    public void A_ticket_without_a_known_owner_gets_no_owner_label(string? objectId) =>
        Assert.Equal([TicketOwnership.TrackedLabel], TicketOwnership.LabelsFor(objectId));

    [Fact]
    public void The_owner_label_is_the_same_for_any_casing_of_the_object_id_and_differs_between_people()
    {
        Assert.Equal(TicketOwnership.UserLabel("ABC-def"), TicketOwnership.UserLabel(" abc-DEF "));
        Assert.NotEqual(TicketOwnership.UserLabel("a"), TicketOwnership.UserLabel("b"));
        Assert.Matches("^itbot-user-[0-9a-f]{20}$", TicketOwnership.UserLabel("a"));
    }
}
