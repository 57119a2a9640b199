using System.Net;
using System.Text.Json;
using TeamsItBot.Tests.Operations;
using TeamsItBot.Tests.Outbox;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Tickets;

/// <summary>/readyz over HTTP against the mcp-atlassian double: the ticket part's "ticket-tools" check.</summary>
public sealed class TicketReadinessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readyz_is_not_ready_when_the_mcp_server_lacks_jira_create_issue()
    {
        await using var jira = await McpAtlassianDouble.StartAsync();
        // READ_ONLY_MODE / ENABLED_TOOLS without the write tool: the server is up and answers pings.
        jira.EnabledTools = new HashSet<string>(["jira_search", "jira_get_issue", "jira_get_user_profile"]);
        await using var app = OperationsTestHost.Create(BotSettings.ForDouble(jira));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/readyz", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var tools = await CheckAsync(response, "ticket-tools");
        Assert.Equal("Unhealthy", tools.GetProperty("status").GetString());
        Assert.Contains("NotConfigured", tools.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("jira_create_issue", tools.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, jira.ToolCallCount("jira_create_issue"));
    }

    [Fact]
    public async Task The_ticket_tools_check_is_healthy_when_the_server_offers_the_tools()
    {
        await using var jira = await McpAtlassianDouble.StartAsync();
        await using var app = OperationsTestHost.Create(BotSettings.ForDouble(jira));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/readyz", Token);

        var tools = await CheckAsync(response, "ticket-tools");
        Assert.Equal("Healthy", tools.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> CheckAsync(HttpResponseMessage response, string name)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).Clone();
    }
}
