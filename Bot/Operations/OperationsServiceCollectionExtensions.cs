using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Checks with this tag decide <c>/readyz</c>. Other areas add theirs with it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Checks with this tag decide <c>/healthz</c>; keep them free of dependencies.</summary>
    public const string LiveTag = "live";

    public const string HealthHttpClientName = "TeamsItBot.Health";

    /// <summary>
    /// Health checks (auth metadata, ticket backend), OpenTelemetry, turn instrumentation (a step of
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

        if (!string.IsNullOrWhiteSpace(configuration["MCP_ATLASSIAN_URL"]))
        {
            // A server that is up but read-only (or without jira_create_issue) cannot take a ticket.
            checks.AddCheck<TeamsItBot.Tickets.TicketBackendHealthCheck>("ticket-tools", tags: [ReadyTag]);
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

        var mcp = configuration["MCP_ATLASSIAN_URL"];
        return !string.IsNullOrWhiteSpace(mcp) && HealthOptionsValidator.IsHttpUrl(mcp)
            ? new Uri(new Uri(mcp), "/healthz")
            : null;
    }
}
