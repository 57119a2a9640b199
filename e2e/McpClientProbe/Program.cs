using TeamsItBot.McpClientProbe;

// Two modes, both over the bot's MCP client code (McpClientFactory, McpJiraTicketService):
//   McpClientProbe <server-url>           the conformance suite's client command; the scenario comes
//                                          from MCP_CONFORMANCE_SCENARIO (initialize, tools_call)
//   McpClientProbe session <server-url>   reads commands from stdin, answers one JSON line each
//                                          (see SessionCommands), for the interop tests
if (args.Length == 2 && args[0] == "session")
{
    return await SessionCommands.RunAsync(new Uri(args[1]), Console.In, Console.Out);
}

if (args.Length == 1 && Uri.TryCreate(args[0], UriKind.Absolute, out var serverUrl))
{
    return await ConformanceClient.RunAsync(serverUrl, Environment.GetEnvironmentVariable("MCP_CONFORMANCE_SCENARIO"));
}

await Console.Error.WriteLineAsync("usage: McpClientProbe <server-url> | McpClientProbe session <server-url>");
return 2;
