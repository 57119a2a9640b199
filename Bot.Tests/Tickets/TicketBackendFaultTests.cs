using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Tickets;

/// <summary>
/// How the ticket service reads a backend that answers, but not as expected: a success without the
/// JSON (the issue exists), a server without jira_create_issue, and Jira's pages-long refusals.
/// </summary>
public sealed class TicketBackendFaultTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Issue {0} created")]
    [InlineData("{{\"message\":\"Issue created successfully\"}}")]
    [InlineData("{{\"issue\":\"{0}\"}}")]
    [InlineData("")]
    public async Task A_success_without_the_expected_json_is_found_by_its_draft_label(string format)
    {
        await using var server = await McpAtlassianDouble.StartAsync(firstIssueNumber: 7);
        server.CreateResultText = key => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, key);
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var draft = TicketTestHost.Draft();

        var ticket = await host.Tickets.CreateTicketAsync(draft, Token);

        Assert.Equal("ITSUPPORT-7", ticket.Key);
        Assert.Equal(new Uri("https://acme.atlassian.net/browse/ITSUPPORT-7"), ticket.BrowseUrl);
        Assert.Equal(["jira_create_issue", "jira_search"], server.ToolCalls.Select(c => c.ToolName));
        Assert.Equal(1, server.IssueCount);
    }

    [Fact]
    public async Task A_success_without_the_json_and_nothing_found_yet_is_transient_so_the_outbox_searches_again()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.CreateResultText = _ => "done";
        server.SearchIndexLagging = true;
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        var draft = TicketTestHost.Draft();

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(draft, Token));

        Assert.True(error.IsTransient);
        server.SearchIndexLagging = false;
        Assert.Equal("ITSUPPORT-1", (await host.Tickets.FindByDraftAsync(draft.Id, Token))?.Key);
        Assert.Equal(1, server.IssueCount);
    }

    [Theory]
    [InlineData("jira_search")]
    [InlineData("jira_get_issue,jira_search")]
    [InlineData("")]
    public async Task A_server_without_jira_create_issue_is_NotConfigured_and_nothing_is_called(string enabled)
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.EnabledTools = enabled.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.NotConfigured, error.Failure);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain("Jira did not accept", error.UserMessage, StringComparison.Ordinal);
        Assert.Contains("not set up", error.UserMessage, StringComparison.Ordinal);
        Assert.Empty(server.ToolCalls);
        Assert.Equal(0, server.IssueCount);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Error: Ticket backend configuration error", StringComparison.Ordinal)
            && l.Contains("jira_create_issue", StringComparison.Ordinal));
        Assert.Contains("jira_create_issue", await host.Service.FindMissingToolsAsync(Token));
    }

    [Fact]
    public async Task A_server_that_lists_the_tool_but_calls_it_unknown_is_NotConfigured()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.RejectCreateWith = "Unknown tool: jira_create_issue";
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.NotConfigured, error.Failure);
    }

    [Fact]
    public async Task Jiras_long_refusal_stays_in_the_log_and_the_user_gets_one_short_sentence()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        var jira = LongJiraError();
        server.RejectCreateWith = jira;
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.Rejected, error.Failure);
        Assert.True(error.UserMessage.Length < 200, error.UserMessage);
        Assert.DoesNotContain("create_issue", error.UserMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("customfield", error.UserMessage, StringComparison.Ordinal);
        Assert.Contains(jira, error.Message, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, l => l.Contains(jira, StringComparison.Ordinal));
    }

    /// <summary>The shape of the 2,581-character refusal seen in the field: tool names, field ids, Jira's list of errors.</summary>
    internal static string LongJiraError()
    {
        var text = new System.Text.StringBuilder("Error calling tool 'create_issue': Error creating issue in project ITSUPPORT: ");
        for (var i = 0; text.Length < 2581; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"customfield_{10000 + i}: Field 'customfield_{10000 + i}' cannot be set. It is not on the appropriate screen, or unknown. ");
        }

        return text.ToString(0, 2581);
    }
}
