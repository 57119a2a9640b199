using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Storage;

/// <summary>Readiness: the database answers a trivial query (state, de-duplication and the outbox all live there).</summary>
public sealed class StorageHealthCheck(IServiceProvider services, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = options.Value.Provider;
        if (provider == StorageProvider.Memory)
        {
            return HealthCheckResult.Healthy("Memory storage (not durable)");
        }

        try
        {
            await using var connection = await services.GetRequiredService<StorageDatabase>().OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand("SELECT 1", null);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{provider} reachable");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException or IOException)
        {
            // The provider's message names the host or file, never the password.
            return HealthCheckResult.Unhealthy($"{provider} unreachable: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
