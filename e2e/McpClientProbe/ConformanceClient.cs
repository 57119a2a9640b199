using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TeamsItBot.Tickets;

namespace TeamsItBot.McpClientProbe;

/// <summary>What the conformance suite runs as "the client": connect, act for the scenario, close.</summary>
internal static class ConformanceClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(Uri serverUrl, string? scenario)
    {
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("ModelContextProtocol", LogLevel.Information));
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await using var client = await McpClientFactory.ConnectAsync(
                new McpConnection(serverUrl, "conformance", Timeout), new HttpClient(), loggerFactory, deadline.Token);
            Console.WriteLine($"connected: server {client.ServerInfo?.Name} {client.ServerInfo?.Version}, protocol {client.NegotiatedProtocolVersion}");
            var tools = await client.ListToolsAsync(cancellationToken: deadline.Token);
            Console.WriteLine($"tools: {string.Join(", ", tools.Select(t => t.Name))}");
            switch (scenario)
            {
                case "initialize":
                    return 0;
                case "tools_call":
                    return await CallAddNumbersAsync(client, deadline.Token);
                default:
                    await Console.Error.WriteLineAsync($"unsupported scenario: {scenario ?? "(MCP_CONFORMANCE_SCENARIO unset)"}");
                    return 3;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"client failed: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> CallAddNumbersAsync(McpClient client, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(
            "add_numbers", new Dictionary<string, object?> { ["a"] = 5, ["b"] = 3 }, cancellationToken: cancellationToken);
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        Console.WriteLine($"add_numbers: isError={result.IsError ?? false} {JsonSerializer.Serialize(text)}");
        return result.IsError == true ? 1 : 0;
    }
}
