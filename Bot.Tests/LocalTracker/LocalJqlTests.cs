using TeamsItBot.LocalTracker;

namespace TeamsItBot.Tests.LocalTracker;

public sealed class LocalJqlTests
{
    [Fact]
    public void Reads_project_and_labels_joined_by_AND_and_ignores_ORDER_BY()
    {
        Assert.True(LocalJql.TryParse("project = ITSUPPORT AND labels = \"it bot\" and labels='x' ORDER BY created DESC", out var query, out _));

        Assert.Equal("ITSUPPORT", query.Project);
        Assert.Equal(["it bot", "x"], query.Labels);
    }

    [Theory]
    [InlineData("project = A OR project = B")]
    [InlineData("summary ~ \"vpn\"")]
    [InlineData("assignee = currentUser()")]
    [InlineData("labels =")]
    public void Refuses_what_it_does_not_understand(string jql)
    {
        Assert.False(LocalJql.TryParse(jql, out _, out var error));
        Assert.NotEmpty(error);
    }
}
