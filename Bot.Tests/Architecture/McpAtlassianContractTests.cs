extern alias bench;

using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TeamsItBot.McpAtlassianContract;
using TeamsItBot.Tests.LocalTracker;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tests.Tickets;
using BenchJira = bench::TeamsItBot.Bench.BenchJira;

namespace TeamsItBot.Tests.Architecture;

/// <summary>
/// The doubles of mcp-atlassian (the tests' and the bench's) serve the one description in
/// Testing/TeamsItBot.McpAtlassianContract, read back over their real tools/list; the local
/// tracker (product code, its own schemas) must not contradict it.
/// </summary>
public sealed class McpAtlassianContractTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_tests_double_lists_its_tools_exactly_as_the_contract_describes_them()
    {
        await using var jira = await McpAtlassianDouble.StartAsync();
        await using var client = await ConnectAsync(jira.McpUrl);

        var tools = await client.ListToolsAsync(cancellationToken: Token);

        AssertAsDescribed(tools.Select(t => t.ProtocolTool));
        Assert.Contains(McpAtlassianTools.CreateIssue, tools.Select(t => t.Name));
    }

    [Fact]
    public async Task The_bench_double_lists_its_tools_exactly_as_the_contract_describes_them()
    {
        await using var jira = await BenchJira.StartAsync();
        await using var client = await ConnectAsync(jira.McpUrl);

        var tools = await client.ListToolsAsync(cancellationToken: Token);

        AssertAsDescribed(tools.Select(t => t.ProtocolTool));
        Assert.Equal([McpAtlassianTools.CreateIssue, McpAtlassianTools.GetIssue, McpAtlassianTools.Search], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>The bench measures the bot against its double: the bot must take the double's answer as mcp-atlassian's.</summary>
    [Fact]
    public async Task The_ticket_service_files_a_ticket_through_the_bench_double()
    {
        await using var jira = await BenchJira.StartAsync();
        await using var host = new TicketTestHost(TicketTestHost.RemoteSettings(jira.McpUrl));

        var ticket = await host.Tickets.CreateTicketAsync(TicketTestHost.Draft(), Token);

        Assert.Equal($"{BenchJira.ProjectKey}-1", ticket.Key);
        Assert.Equal(new Uri($"https://acme.atlassian.net/browse/{BenchJira.ProjectKey}-1"), ticket.BrowseUrl);
    }

    /// <summary>A listed tool the double does not implement would make the bot believe a server offers it.</summary>
    [Fact]
    public async Task Every_tool_a_double_lists_answers_as_that_tool_not_as_an_unknown_one()
    {
        await using var tests = await McpAtlassianDouble.StartAsync();
        await using var benchJira = await BenchJira.StartAsync();
        foreach (var url in new[] { tests.McpUrl, benchJira.McpUrl })
        {
            await using var client = await ConnectAsync(url);
            foreach (var tool in await client.ListToolsAsync(cancellationToken: Token))
            {
                var result = await client.CallToolAsync(tool.Name, new Dictionary<string, object?>(), cancellationToken: Token);

                Assert.DoesNotContain("Unknown tool", McpAtlassianResults.TextOf(result), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// The local tracker keeps its own schemas (product code cannot reference test support), but each
    /// tool it lists is one of mcp-atlassian's, with the same required arguments and no argument or
    /// type the contract lacks, so a client written against either sees the same tools.
    /// </summary>
    [Fact]
    public async Task The_local_tracker_lists_only_contract_tools_with_the_contracts_arguments()
    {
        var data = LocalTrackerHost.NewDataDirectory();
        try
        {
            await using var host = await LocalTrackerHost.StartAsync(data);
            await using var client = await host.ConnectAsync(Token);

            var tools = await client.ListToolsAsync(cancellationToken: Token);

            Assert.NotEmpty(tools);
            foreach (var tool in tools.Select(t => t.ProtocolTool))
            {
                Assert.Contains(tool.Name, McpAtlassianTools.Names);
                var contract = McpAtlassianTools.Tool(tool.Name).InputSchema;
                Assert.Equal(Required(contract), Required(tool.InputSchema));
                var contractProperties = contract.GetProperty("properties");
                foreach (var property in tool.InputSchema.GetProperty("properties").EnumerateObject())
                {
                    Assert.True(contractProperties.TryGetProperty(property.Name, out var described), $"{tool.Name}.{property.Name} is not an argument of mcp-atlassian's {tool.Name}");
                    Assert.Equal(described.GetProperty("type").GetString(), property.Value.GetProperty("type").GetString());
                }
            }
        }
        finally
        {
            LocalTrackerHost.DeleteDataDirectory(data);
        }
    }

    private static void AssertAsDescribed(IEnumerable<Tool> listed)
    {
        var tools = listed.ToList();
        Assert.NotEmpty(tools);
        Assert.Equal(tools.Count, tools.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var tool in tools)
        {
            Assert.Contains(tool.Name, McpAtlassianTools.Names);
            var described = McpAtlassianTools.Tool(tool.Name);
            Assert.Equal(described.Description, tool.Description);
            Assert.True(JsonElement.DeepEquals(described.InputSchema, tool.InputSchema),
                $"{tool.Name}'s input schema differs from the contract's:\n{tool.InputSchema}\nwanted\n{described.InputSchema}");
        }
    }

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal)] : [];

    private static async Task<McpClient> ConnectAsync(Uri endpoint) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = endpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer contract-test" },
            }),
            new McpClientOptions { ProtocolVersion = "2025-11-25" },
            cancellationToken: Token);
}
