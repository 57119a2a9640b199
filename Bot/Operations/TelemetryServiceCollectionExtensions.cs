using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using TeamsItBot.Tickets;

namespace TeamsItBot.Operations;

public static class TelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Traces and metrics for ASP.NET Core, outgoing HTTP (connector, MCP, health probes) and the
    /// "TeamsItBot" source and meter. Exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is
    /// set; the standard OTEL_* variables (service name, headers, protocol) apply.
    /// </summary>
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // With nowhere to export, the SDK would still build a span for every request and outgoing
        // call: a measurable share of a turn. The "TeamsItBot" meter records either way, so local
        // listeners (dotnet-counters, tests) still see it.
        if (!HealthOptionsValidator.IsHttpUrl(configuration[OtlpEndpointKey] ?? string.Empty))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService("teamsitbot");
                }
            })
            .WithTracing(tracing => tracing
                .AddSource(Telemetry.Name, TicketTelemetry.Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthProbe(context))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(Telemetry.Name, TicketTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();

        return services;
    }

    private static bool IsHealthProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HealthEndpointRouteBuilderExtensions.LivenessPath, StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments(HealthEndpointRouteBuilderExtensions.ReadinessPath, StringComparison.OrdinalIgnoreCase);
}
