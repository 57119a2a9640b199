using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Operations;

public static class HealthEndpointRouteBuilderExtensions
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>
    /// <c>GET /healthz</c>: liveness, the process answers (no dependency is probed, so a broken
    /// backend never gets the container restarted). <c>GET /readyz</c>: every check tagged
    /// <see cref="OperationsServiceCollectionExtensions.ReadyTag"/>; 503 when one is unhealthy.
    /// Map these first: the configuration is validated here, before any other endpoint reads
    /// its options, so every bad setting is reported in one error.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.ServiceProvider.GetRequiredService<ConfigurationErrorReporter>().Validate();

        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(OperationsServiceCollectionExtensions.LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).DisableHttpMetrics();
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(OperationsServiceCollectionExtensions.ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).DisableHttpMetrics();
        return endpoints;
    }
}
