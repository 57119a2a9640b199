using System.Text.Json;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Tickets;

/// <summary>Filed as the employee: jira_get_user_profile, then additional_fields.reporter as mcp-atlassian 0.23.1 forwards it.</summary>
public sealed class ReporterTests
{
    private const string Email = "ann.lee@acme.example";
    private const string AccountId = "5b10ac8d82e05b22cc7d4ef5";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TicketDraft Draft(string? email = Email) => TicketTestHost.Draft() with { ReporterEmail = email };

    private static JsonElement Additional(RecordedRequest call) => JsonDocument.Parse(call.Arguments["additional_fields"].GetString()!).RootElement;

    [Fact]
    public async Task Known_employee_is_looked_up_once_and_set_as_reporter_by_account_id()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.AddUser(Email, AccountId, "Ann Lee");
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var first = await host.Tickets.CreateTicketAsync(Draft(), Token);
        await host.Tickets.CreateTicketAsync(Draft() with { Id = "draft-2" }, Token);

        Assert.Equal(["jira_get_user_profile", "jira_create_issue", "jira_create_issue"], server.ToolCalls.Select(c => c.ToolName));
        var lookup = server.ToolCalls[0];
        Assert.Equal(["user_identifier"], lookup.Arguments.Keys);
        Assert.Equal(Email, lookup.Arguments["user_identifier"].GetString());
        Assert.All(server.ToolCalls.Skip(1), call =>
            Assert.Equal($$"""{"accountId":"{{AccountId}}"}""", Additional(call).GetProperty("reporter").GetRawText()));
        Assert.Equal("Ann Lee", server.Issue(first.Key)!["reporter"]!["display_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_employee_is_filed_as_the_bot_with_the_email_in_the_description()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var ticket = await host.Tickets.CreateTicketAsync(Draft(), Token);

        var create = server.ToolCalls.Single(c => c.ToolName == "jira_create_issue");
        Assert.False(Additional(create).TryGetProperty("reporter", out _));
        Assert.Contains($"**Reported by:** Ada Lovelace ({Email}, Entra object id", create.Arguments["description"].GetString(), StringComparison.Ordinal);
        Assert.Equal("IT Bot", server.Issue(ticket.Key)!["reporter"]!["display_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Project_refusing_the_reporter_field_gets_the_ticket_once_as_the_bot()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.AddUser(Email, AccountId, "Ann Lee");
        server.RefuseReporter = true;
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(server.McpUrl));

        var ticket = await host.Tickets.CreateTicketAsync(Draft(), Token);

        Assert.Equal("ITSUPPORT-1", ticket.Key);
        Assert.Equal(1, server.IssueCount);
        var creates = server.ToolCalls.Where(c => c.ToolName == "jira_create_issue").ToList();
        Assert.Equal(2, creates.Count);
        Assert.True(Additional(creates[0]).TryGetProperty("reporter", out _));
        Assert.False(Additional(creates[1]).TryGetProperty("reporter", out _));
    }

    [Fact]
    public async Task Server_flavour_sends_the_username_shape()
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.AddUser(Email, AccountId, "ann.lee");
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings["JIRA_FLAVOR"] = "server";
        await using var host = new TicketTestHost(settings);

        await host.Tickets.CreateTicketAsync(Draft(), Token);

        var create = server.ToolCalls.Single(c => c.ToolName == "jira_create_issue");
        Assert.Equal("""{"name":"ann.lee"}""", Additional(create).GetProperty("reporter").GetRawText());
    }

    [Theory]
    [InlineData(false, Email)]
    [InlineData(true, null)]
    public async Task Switched_off_or_without_email_no_lookup_is_made(bool setReporter, string? email)
    {
        await using var server = await McpAtlassianDouble.StartAsync();
        server.AddUser(Email, AccountId, "Ann Lee");
        var settings = TicketTestHost.RemoteSettings(server.McpUrl);
        settings["Tickets:SetReporter"] = setReporter ? "true" : "false";
        await using var host = new TicketTestHost(settings);

        await host.Tickets.CreateTicketAsync(Draft(email), Token);

        var call = Assert.Single(server.ToolCalls);
        Assert.Equal("jira_create_issue", call.ToolName);
        Assert.False(Additional(call).TryGetProperty("reporter", out _));
    }
}
