using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TeamsItBot.Tickets;

/// <summary>
/// Readiness: an MCP ping over the shared session, and the tools the bot needs in the server's
/// tools/list (a read-only mcp-atlassian answers pings but cannot take a ticket: not ready).
/// Register with AddCheck&lt;TicketBackendHealthCheck&gt;.
/// </summary>
internal sealed class TicketBackendHealthCheck(McpJiraTicketService tickets) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failureStatus = context?.Registration.FailureStatus ?? HealthStatus.Unhealthy;
        try
        {
            await tickets.PingAsync(cancellationToken);
            var missing = await tickets.FindMissingToolsAsync(cancellationToken);
            return missing.Count == 0
                ? HealthCheckResult.Healthy("MCP ping answered")
                : new HealthCheckResult(failureStatus, $"ticket backend: {TicketFailure.NotConfigured} (the server does not offer {string.Join(", ", missing)})");
        }
        catch (TicketException ex)
        {
            // The kind only: health output may be public, the admin detail is in the log.
            return new HealthCheckResult(failureStatus, $"ticket backend: {ex.Failure}");
        }
    }
}
