using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.Tickets;

/// <summary>Where and how long: what one MCP session needs besides the HttpClient.</summary>
/// <param name="Endpoint">The server's Streamable HTTP endpoint.</param>
/// <param name="Name">A name for the transport in the SDK's logs.</param>
/// <param name="Timeout">Connection and initialization deadline.</param>
public sealed record McpConnection(Uri Endpoint, string Name, TimeSpan Timeout);

/// <summary>
/// Opens an MCP client session the way the bot talks to its ticket backend: Streamable HTTP,
/// protocol pinned, no standing GET stream. Shared by <see cref="McpJiraTicketService"/> and the
/// interop probe (e2e/McpClientProbe) so the conformance suite tests the code the bot runs.
/// </summary>
public static class McpClientFactory
{
    // Pinned to a released revision that keeps the initialize handshake and sessions, which is
    // what mcp-atlassian speaks; the SDK default would first probe a newer draft revision.
    public const string ProtocolVersion = "2025-11-25";

    public static readonly Implementation ClientInfo = new() { Name = "TeamsItBot", Version = "1.0" };

    /// <summary>
    /// Connects and completes the initialize handshake; the client owns <paramref name="httpClient"/>.
    /// <paramref name="knownTools"/> are registered as tools without parameter headers: the SDK
    /// otherwise logs a warning on every call to a tool it has not listed, and listing costs a request.
    /// </summary>
    public static async Task<McpClient> ConnectAsync(
        McpConnection connection, HttpClient httpClient, ILoggerFactory loggerFactory, CancellationToken cancellationToken,
        IEnumerable<string>? knownTools = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = connection.Endpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                Name = connection.Name,
                ConnectionTimeout = connection.Timeout,
                // Only request/response is needed; a standing GET would hold a connection open.
                EnableStandaloneGetStream = false,
            },
            httpClient,
            loggerFactory,
            ownsHttpClient: true);
        var client = await McpClient.CreateAsync(
            transport,
            new McpClientOptions
            {
                ClientInfo = ClientInfo,
                ProtocolVersion = ProtocolVersion,
                InitializationTimeout = connection.Timeout,
            },
            loggerFactory,
            cancellationToken);
        if (knownTools is not null)
        {
            client.AddKnownTools(knownTools.Select(name => new Tool { Name = name }));
        }

        return client;
    }
}
