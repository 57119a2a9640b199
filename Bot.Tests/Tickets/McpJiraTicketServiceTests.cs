using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.FollowUp;

namespace TeamsItBot.Tests.Tickets;

public sealed class McpJiraTicketServiceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ticket_sends_the_exact_jira_create_issue_arguments()
    {
        await using var server = await McpAtlassianDouble.StartAsync(firstIssueNumber: 123);
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings["Tickets:Priority"] = "High";
        settings["Tickets:Labels"] = "it-bot, teams";
        settings["Tickets:Components"] = "Teams, Email";
        await using var host = new TicketTestHost(settings);
        var draft = TicketTestHost.Draft();

        var ticket = await host.Tickets.CreateTicketAsync(draft, Token);

        Assert.Equal("ITSUPPORT-123", ticket.Key);
        Assert.Equal(new Uri("https://acme.atlassian.net/browse/ITSUPPORT-123"), ticket.BrowseUrl);
        var call = Assert.Single(server.ToolCalls);
        Assert.Equal("jira_create_issue", call.ToolName);
        Assert.Equal(["additional_fields", "components", "description", "issue_type", "project_key", "summary"], call.Arguments.Keys.Order());
        Assert.All(call.Arguments.Values, v => Assert.Equal(JsonValueKind.String, v.ValueKind));
        Assert.Equal("ITSUPPORT", call.Arguments["project_key"].GetString());
        Assert.Equal("IT Support: Teams is not working", call.Arguments["summary"].GetString());
        Assert.Equal("Task", call.Arguments["issue_type"].GetString());
        Assert.Equal(JiraTicketFormat.Description(draft, JiraFlavor.Cloud), call.Arguments["description"].GetString());
        Assert.StartsWith("**Issue Reported:** Teams is not working\n", call.Arguments["description"].GetString(), StringComparison.Ordinal);
        Assert.Equal("Teams,Email", call.Arguments["components"].GetString());
        Assert.Equal($$"""{"priority":{"name":"High"},"labels":["it-bot","teams","itbot-draft-{{draft.Id}}","itbot-tracked","{{TicketOwnership.UserLabel(draft.ReporterObjectId)}}"]}""", call.Arguments["additional_fields"].GetString());
    }

    [Fact]
    public async Task Ticket_calls_log_no_warnings_and_list_the_tools_once_per_session()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);
        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft("VPN won't connect"), Token);
        await host.Tickets.FindByDraftAsync(TicketTestHost.Draft().Id, Token);

        Assert.Equal(3, server.ToolCalls.Count);
        Assert.Equal(1, server.Requests.Count(r => r.Method == "tools/list"));
        Assert.DoesNotContain(host.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_optional_fields_are_omitted_not_sent_empty()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings["Tickets:Priority"] = " ";
        settings["Tickets:Components"] = "";
        settings["Tickets:IssueType"] = "Bug";
        await using var host = new TicketTestHost(settings);

        var draft = TicketTestHost.Draft();
        await host.Tickets.CreateTicketAsync(draft, Token);

        var call = Assert.Single(server.ToolCalls);
        Assert.Equal(["additional_fields", "description", "issue_type", "project_key", "summary"], call.Arguments.Keys.Order());
        // Only the draft label is left: never an empty additional_fields (mcp-atlassian refuses "").
        Assert.Equal($$"""{"labels":["itbot-draft-{{draft.Id}}","itbot-tracked","{{TicketOwnership.UserLabel(draft.ReporterObjectId)}}"]}""", call.Arguments["additional_fields"].GetString());
        Assert.Equal("Bug", call.Arguments["issue_type"].GetString());
    }

    [Fact]
    public async Task Basic_credentials_go_on_every_request()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bot@acme.com:s3cret-api-token"));
        Assert.Contains(server.Requests, r => r.Method == "initialize");
        Assert.All(server.Requests, r => Assert.Equal(expected, r.Authorization));
    }

    [Fact]
    public async Task Personal_token_is_sent_as_Token()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings.Remove("JIRA_USERNAME");
        settings.Remove("JIRA_API_TOKEN");
        settings["JIRA_PERSONAL_TOKEN"] = "pat-123";
        await using var host = new TicketTestHost(settings);

        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);

        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.Equal("Token pat-123", r.Authorization));
    }

    [Fact]
    public async Task Without_credentials_no_header_is_sent()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.RequireCredentials = false;
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings.Remove("JIRA_USERNAME");
        settings.Remove("JIRA_API_TOKEN");
        await using var host = new TicketTestHost(settings);

        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);

        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task Missing_credentials_refused_with_401_is_AuthenticationFailed_and_the_log_has_no_secret()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings.Remove("JIRA_USERNAME");
        settings.Remove("JIRA_API_TOKEN");
        await using var host = new TicketTestHost(settings);

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.AuthenticationFailed, error.Failure);
        Assert.Contains("refused the bot's sign-in", error.UserMessage, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Error: Ticket backend refused credentials", StringComparison.Ordinal) && l.Contains("401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_credentials_are_never_logged()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);
        await server.GoDownAsync();

        await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("bot@acme.com:s3cret-api-token"));
        Assert.NotEmpty(host.Logs.Lines);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("s3cret-api-token", StringComparison.Ordinal) || l.Contains(base64, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_tickets_share_one_session()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var first = await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);
        var parallel = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token)));
        var last = await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);

        Assert.Equal(1, server.InitializeCount);
        Assert.Equal(5, server.ToolCalls.Count);
        Assert.Single(server.ToolCalls.Select(c => c.SessionId).Distinct());
        Assert.Equal(5, new[] { first, last }.Concat(parallel).Select(t => t.Key).Distinct().Count());
    }

    [Fact]
    public async Task Expired_session_is_initialized_again_and_the_ticket_is_created()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);

        server.ExpireAllSessions();
        var ticket = await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);

        Assert.Equal("ITSUPPORT-2", ticket.Key);
        Assert.Equal(2, server.InitializeCount);
        Assert.Equal(2, server.ToolCalls.Select(c => c.SessionId).Distinct().Count());
        Assert.Contains(host.Logs.Lines, l => l.Contains("expired (404)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_down_is_BackendUnavailable()
    {
        var server = await McpAtlassianDouble.StartAsync();
        await server.DisposeAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.BackendUnavailable, error.Failure);
        Assert.True(error.IsTransient);
        Assert.Equal("The ticket system is not reachable right now. Please try again in a few minutes.", error.UserMessage);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Error: Ticket backend unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_going_down_after_a_ticket_is_BackendUnavailable()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);
        await server.GoDownAsync();

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.BackendUnavailable, error.Failure);
    }

    [Fact]
    public async Task Http_500_is_BackendUnavailable()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);
        server.FailNext();

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.BackendUnavailable, error.Failure);
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Equal("ITSUPPORT-2", (await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token)).Key);
    }

    [Fact]
    public async Task Unknown_project_is_Rejected_with_Jiras_text_for_the_log_only()
    {
        await using var server = await McpAtlassianDouble.StartAsync(projectKey: "OTHER");
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.Rejected, error.Failure);
        Assert.False(error.IsTransient);
        Assert.Equal("Error calling tool 'create_issue': Specify a valid project ID or key", error.BackendMessage);
        Assert.DoesNotContain("Specify a valid project ID or key", error.UserMessage, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning: Jira rejected the issue for project ITSUPPORT", StringComparison.Ordinal)
            && l.Contains("Specify a valid project ID or key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slow_server_beyond_the_timeout_is_Timeout()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings["Tickets:TimeoutSeconds"] = "1";
        await using var host = new TicketTestHost(settings);
        await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);
        server.Delay = TimeSpan.FromSeconds(5);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.Timeout, error.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning: Ticket backend timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slow_initialize_is_Timeout()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.Delay = TimeSpan.FromSeconds(5);
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings["Tickets:TimeoutSeconds"] = "1";
        await using var host = new TicketTestHost(settings);

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.Timeout, error.Failure);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_ticket_failure()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.Delay = TimeSpan.FromSeconds(5);
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), cancel.Token));
    }

    [Fact]
    public async Task Wrong_endpoint_path_is_ProtocolError()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(new Uri(server.BaseUrl, "/not-mcp")));

        var error = await Assert.ThrowsAsync<TicketException>(() => host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token));

        Assert.Equal(TicketFailure.ProtocolError, error.Failure);
    }

    [Fact]
    public async Task Ping_answers_when_up_and_fails_when_down()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        await host.Service.PingAsync(Token);
        await server.GoDownAsync();
        var error = await Assert.ThrowsAsync<TicketException>(() => host.Service.PingAsync(Token));

        Assert.Equal(TicketFailure.BackendUnavailable, error.Failure);
        Assert.Contains(server.Requests, r => r.Method == "ping");
    }
}
