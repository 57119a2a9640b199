using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TeamsItBot.Tickets;

/// <summary>Readiness: an MCP ping over the shared session. Register with AddCheck&lt;TicketBackendHealthCheck&gt;.</summary>
public sealed class TicketBackendHealthCheck(McpJiraTicketService tickets) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await tickets.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("MCP ping answered");
        }
        catch (TicketException ex)
        {
            // The kind only: health output may be public, the admin detail is in the log.
            return new HealthCheckResult(context?.Registration.FailureStatus ?? HealthStatus.Unhealthy, $"ticket backend: {ex.Failure}");
        }
    }
}
