using Microsoft.Extensions.Options;

namespace TeamsItBot.Operations;

/// <summary>Names every bad operations setting at once.</summary>
public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var problems = new List<string>();
        if (options.TimeoutSeconds is <= 0 or > 60)
        {
            problems.Add($"Health:TimeoutSeconds must be between 1 and 60 (got {options.TimeoutSeconds})");
        }

        if (!string.IsNullOrWhiteSpace(options.TicketBackendUrl) && !IsHttpUrl(options.TicketBackendUrl))
        {
            problems.Add("Health:TicketBackendUrl must be an absolute http(s) URL");
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !IsHttpUrl(options.OtlpEndpoint))
        {
            problems.Add("OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
