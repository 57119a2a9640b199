using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets;

/// <summary>
/// Says at start-up where tickets will go, so a wrong backend is visible before the first ticket;
/// for mcp-atlassian it also asks, once the app runs, whether the server offers the tools the bot
/// needs (a read-only server is a configuration error, logged by <see cref="McpJiraTicketService"/>).
/// </summary>
internal sealed partial class TicketBackendStartupLog(
    IOptions<TicketOptions> options,
    McpJiraTicketService tickets,
    IHostApplicationLifetime lifetime,
    ILogger<TicketBackendStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.UsesLocalTracker)
        {
            LogLocal(logger, value.ProjectKey, value.PublicBaseUrl ?? "(first Kestrel address)", value.LocalTrackerPath ?? "(no local tracker in this host)");
        }
        else
        {
            LogRemote(logger, value.McpAtlassianUrl!, value.JiraUrl!, value.ProjectKey, value.CredentialKind);
            // In the background: an unreachable server must not hold up start-up (readiness reports it).
            lifetime.ApplicationStarted.Register(() => _ = CheckToolsAsync(lifetime.ApplicationStopping));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CheckToolsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var missing = await tickets.FindMissingToolsAsync(cancellationToken);
            if (missing.Count == 0)
            {
                LogToolsOffered(logger, string.Join(", ", McpJiraTicketService.RequiredTools));
            }
        }
        catch (TicketException ex)
        {
            // The failure itself is already logged with its cause; this only says what was not checked.
            LogNotChecked(logger, ex.Failure);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(20, LogLevel.Information, "Ticket backend: embedded local tracker (MCP_ATLASSIAN_URL not set), project {ProjectKey}, reached at {BaseUrl}{Path}/mcp")]
    private static partial void LogLocal(ILogger logger, string projectKey, string baseUrl, string path);

    [LoggerMessage(21, LogLevel.Information, "Ticket backend: mcp-atlassian at {McpUrl}, Jira {JiraUrl}, project {ProjectKey}, credentials {CredentialKind}")]
    private static partial void LogRemote(ILogger logger, string mcpUrl, string jiraUrl, string projectKey, string credentialKind);

    [LoggerMessage(22, LogLevel.Information, "Ticket backend offers the tools the bot needs ({Tools})")]
    private static partial void LogToolsOffered(ILogger logger, string tools);

    [LoggerMessage(23, LogLevel.Warning, "Could not check the ticket backend's tools at start-up ({Failure}); /readyz keeps checking")]
    private static partial void LogNotChecked(ILogger logger, TicketFailure failure);
}
