using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Tickets;

public sealed class TicketOptionsTests
{
    private static TicketOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddTickets(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<TicketOptions>>().Value;
    }

    [Fact]
    public void Seed_names_are_read_as_root_keys_and_the_rest_from_Tickets()
    {
        var options = Bind(new()
        {
            ["JIRA_URL"] = "https://acme.atlassian.net",
            ["JIRA_USERNAME"] = "bot@acme.com",
            ["JIRA_API_TOKEN"] = "t",
            ["JIRA_PROJECT_KEY"] = "HELP_DESK",
            ["MCP_ATLASSIAN_URL"] = "http://mcp-atlassian:9000/mcp",
            ["Tickets:IssueType"] = "Incident",
            ["Tickets:Labels:0"] = "it-bot",
            ["Tickets:Labels:1"] = "teams",
            ["Tickets:TimeoutSeconds"] = "7",
        });

        Assert.Equal("HELP_DESK", options.ProjectKey);
        Assert.Equal("http://mcp-atlassian:9000/mcp", options.McpAtlassianUrl);
        Assert.Equal("Incident", options.IssueType);
        Assert.Equal(["it-bot", "teams"], options.Labels);
        Assert.Equal(TimeSpan.FromSeconds(7), options.Timeout);
        Assert.Equal("Basic", options.CredentialKind);
        Assert.False(options.UsesLocalTracker);
    }

    [Fact]
    public void Defaults_are_the_local_tracker_and_ITSUPPORT()
    {
        var options = Bind([]);

        Assert.True(options.UsesLocalTracker);
        Assert.Equal("ITSUPPORT", options.ProjectKey);
        Assert.Equal("Task", options.IssueType);
        Assert.Equal(20, options.TimeoutSeconds);
        Assert.Equal("none", options.CredentialKind);
    }

    [Theory]
    [InlineData("JIRA_PROJECT_KEY", "itsupport", "JIRA_PROJECT_KEY")]
    [InlineData("JIRA_PROJECT_KEY", "A", "JIRA_PROJECT_KEY")]
    [InlineData("MCP_ATLASSIAN_URL", "mcp-atlassian:9000", "MCP_ATLASSIAN_URL")]
    [InlineData("JIRA_API_TOKEN", "token-without-user", "JIRA_USERNAME")]
    [InlineData("Tickets:TimeoutSeconds", "soon", "TimeoutSeconds")]
    public void Invalid_settings_are_refused_by_name(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_backend_needs_JIRA_URL_for_browse_links()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["MCP_ATLASSIAN_URL"] = "http://mcp:9000/mcp" }));

        Assert.Contains("JIRA_URL is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123")]
    [InlineData("https://bot.example.com", "https://bot.example.com")]
    public void Wildcard_kestrel_addresses_are_reached_through_localhost(string address, string expected) =>
        Assert.Equal(expected, TicketBackendEndpoints.ToLoopback(address));
}
