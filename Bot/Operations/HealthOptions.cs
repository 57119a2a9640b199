namespace TeamsItBot.Operations;

/// <summary>Settings of the health endpoints, section "Health" (env: Health__TimeoutSeconds, ...).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long one readiness probe may take before it counts as unhealthy.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// URL probed for the ticket backend. Unset: derived from MCP_ATLASSIAN_URL as
    /// <c>scheme://host:port/healthz</c>; no probe when MCP_ATLASSIAN_URL is unset either (the
    /// embedded local tracker lives in this process).
    /// </summary>
    public string? TicketBackendUrl { get; set; }

    /// <summary>Copied from OTEL_EXPORTER_OTLP_ENDPOINT so it is validated with the rest.</summary>
    public string? OtlpEndpoint { get; set; }
}
