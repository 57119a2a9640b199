using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TeamsItBot.Tickets.Notifications;

/// <summary>
/// Readiness entry "ticket-poller": degraded, with the reason, while the poller backs off from a
/// failing ticket backend. Degraded rather than unhealthy: turns still work (tickets queue in the
/// outbox), so a Jira outage must not take every replica out of the load balancer.
/// </summary>
public sealed class TicketPollerHealthCheck(TicketPollerStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = status.Current switch
        {
            TicketPollerStatus.Mode.BackingOff => HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture,
                $"backing off: {status.ConsecutiveFailures} failed polls ({status.Reason}); next poll at {status.NextAttemptAt:o}")),
            TicketPollerStatus.Mode.Off => HealthCheckResult.Healthy($"off: {status.Reason}"),
            TicketPollerStatus.Mode.Standby => HealthCheckResult.Healthy("standby: another instance holds the poller lease"),
            TicketPollerStatus.Mode.Polling => HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"polling; last poll at {status.LastPollAt:o}")),
            _ => HealthCheckResult.Healthy("starting"),
        };
        return Task.FromResult(result);
    }
}
