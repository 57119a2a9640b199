using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Tickets;

namespace TeamsItBot.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Checks with this tag decide <c>/readyz</c>. Other areas add theirs with it.</summary>
    public const string ReadyTag = TicketServiceCollectionExtensions.ReadinessTag;

    /// <summary>Checks with this tag decide <c>/healthz</c>; keep them free of dependencies.</summary>
    public const string LiveTag = "live";

    public const string HealthHttpClientName = "TeamsItBot.Health";

    /// <summary>
    /// Health checks (auth metadata, the ticket backend's /healthz; the ticket tools' check is the
    /// ticket part's own, added by AddTickets), OpenTelemetry, turn instrumentation (a step of
    /// the adapter's pipeline) and the combined start-up configuration report.
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>()
            .Bind(configuration.GetSection(HealthOptions.SectionName))
            .PostConfigure(options => options.OtlpEndpoint = configuration[TelemetryServiceCollectionExtensions.OtlpEndpointKey])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HealthHttpClientName);

        // One instance, so the metadata check can remember its last success.
        services.TryAddSingleton<AuthMetadataHealthCheck>();
        var checks = services.AddHealthChecks()
            .AddCheck<AuthMetadataHealthCheck>("auth-metadata", tags: [ReadyTag]);
        if (TicketBackendHealthUrl(configuration) is { } ticketBackend)
        {
            checks.AddUrlCheck("ticket-backend", ticketBackend, ReadyTag);
        }

        services.AddBotTelemetry(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITurnMiddleware, TurnTelemetryMiddleware>());
        services.TryAddSingleton<ConfigurationErrorReporter>();
        return services;
    }

    /// <summary>Registers a readiness probe that GETs <paramref name="url"/> and expects 2xx.</summary>
    public static IHealthChecksBuilder AddUrlCheck(this IHealthChecksBuilder builder, string name, Uri url, params string[] tags) =>
        builder.Add(new HealthCheckRegistration(
            name,
            sp => ActivatorUtilities.CreateInstance<UrlHealthCheck>(sp, url),
            HealthStatus.Unhealthy,
            tags));

    /// <summary>Health:TicketBackendUrl, else MCP_ATLASSIAN_URL's origin + /healthz, else none.</summary>
    internal static Uri? TicketBackendHealthUrl(IConfiguration configuration)
    {
        var explicitUrl = configuration[$"{HealthOptions.SectionName}:{nameof(HealthOptions.TicketBackendUrl)}"];
        if (!string.IsNullOrWhiteSpace(explicitUrl))
        {
            return HealthOptionsValidator.IsHttpUrl(explicitUrl) ? new Uri(explicitUrl) : null;
        }

        var mcp = configuration[TicketOptions.McpAtlassianUrlKey];
        return !string.IsNullOrWhiteSpace(mcp) && HealthOptionsValidator.IsHttpUrl(mcp)
            ? new Uri(new Uri(mcp), "/healthz")
            : null;
    }
}
