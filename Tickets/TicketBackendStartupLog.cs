using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets;

/// <summary>Says at start-up where tickets will go, so a wrong backend is visible before the first ticket.</summary>
internal sealed partial class TicketBackendStartupLog(IOptions<TicketOptions> options, ILogger<TicketBackendStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.UsesLocalTracker)
        {
            LogLocal(logger, value.ProjectKey, value.PublicBaseUrl ?? "(first Kestrel address)");
        }
        else
        {
            LogRemote(logger, value.McpAtlassianUrl!, value.JiraUrl!, value.ProjectKey, value.CredentialKind);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(20, LogLevel.Information, "Ticket backend: embedded local tracker (MCP_ATLASSIAN_URL not set), project {ProjectKey}, reached at {BaseUrl}/local-jira/mcp")]
    private static partial void LogLocal(ILogger logger, string projectKey, string baseUrl);

    [LoggerMessage(21, LogLevel.Information, "Ticket backend: mcp-atlassian at {McpUrl}, Jira {JiraUrl}, project {ProjectKey}, credentials {CredentialKind}")]
    private static partial void LogRemote(ILogger logger, string mcpUrl, string jiraUrl, string projectKey, string credentialKind);
}
