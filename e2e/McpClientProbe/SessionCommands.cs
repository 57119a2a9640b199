using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TeamsItBot.Tickets;

namespace TeamsItBot.McpClientProbe;

/// <summary>
/// A line protocol over the bot's ticket client so a test can act between calls (restart the
/// server, say). Each command line gets one JSON line back with "ok" and details:
///   ping                       McpJiraTicketService.PingAsync over its shared session
///   create                     McpJiraTicketService.CreateTicketAsync with a fixed draft
///   call TOOL JSON-ARGUMENTS   a tool call on a client from McpClientFactory (own session)
///   quit
/// </summary>
internal static class SessionCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(Uri serverUrl, TextReader input, TextWriter output)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MCP_ATLASSIAN_URL"] = serverUrl.ToString(),
            ["JIRA_URL"] = "https://jira.example.com",
            ["Tickets:TimeoutSeconds"] = "10",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .SetMinimumLevel(LogLevel.Information))
            .AddTickets(configuration);
        await using var provider = services.BuildServiceProvider();
        var tickets = provider.GetRequiredService<McpJiraTicketService>();
        var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
        McpClient? raw = null;
        try
        {
            while (await input.ReadLineAsync() is { } line)
            {
                var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0) continue;
                if (parts[0] == "quit") break;
                object answer;
                try
                {
                    switch (parts[0])
                    {
                        case "ping":
                            await tickets.PingAsync(CancellationToken.None);
                            answer = new { command = "ping", ok = true };
                            break;
                        case "create":
                            var ticket = await tickets.CreateTicketAsync(
                                new TicketDraft("probe-draft-1", "Probe problem", ["Step one"], "Probe User", "00000000-0000-0000-0000-000000000001"),
                                CancellationToken.None);
                            answer = new { command = "create", ok = true, key = ticket.Key, browseUrl = ticket.BrowseUrl };
                            break;
                        case "call" when parts.Length >= 2:
                            raw ??= await McpClientFactory.ConnectAsync(
                                new McpConnection(serverUrl, "probe", TimeSpan.FromSeconds(10)), new HttpClient(), loggerFactory, CancellationToken.None);
                            var arguments = parts.Length == 3
                                ? JsonSerializer.Deserialize<Dictionary<string, object?>>(parts[2], Json)
                                : [];
                            var result = await raw.CallToolAsync(parts[1], arguments, cancellationToken: CancellationToken.None);
                            answer = new
                            {
                                command = "call",
                                ok = true,
                                isError = result.IsError ?? false,
                                text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)),
                                contentTypes = result.Content.Select(c => c.Type).ToArray(),
                                sessionId = raw.SessionId,
                                protocol = raw.NegotiatedProtocolVersion,
                            };
                            break;
                        default:
                            answer = new { command = parts[0], ok = false, error = "unknown command" };
                            break;
                    }
                }
                catch (TicketException ex)
                {
                    answer = new { command = parts[0], ok = false, failure = ex.Failure.ToString(), error = ex.Message, userMessage = ex.UserMessage };
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    answer = new { command = parts[0], ok = false, failure = "Exception", error = $"{ex.GetType().Name}: {ex.Message}" };
                }

                await output.WriteLineAsync(JsonSerializer.Serialize(answer, Json));
                await output.FlushAsync();
            }
        }
        finally
        {
            if (raw is not null) await raw.DisposeAsync();
        }

        return 0;
    }
}
