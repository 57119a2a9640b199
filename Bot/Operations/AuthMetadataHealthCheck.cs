using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Operations;

/// <summary>
/// Ready when the Bot Framework OpenID metadata can be loaded (without it no inbound token can be
/// validated). Healthy without a fetch in local mode. A success is remembered for a minute so
/// frequent probes do not hammer the identity service.
/// </summary>
public sealed class AuthMetadataHealthCheck(
    IHttpClientFactory httpClientFactory,
    IOptions<BotFrameworkOptions> botOptions,
    IOptions<HealthOptions> healthOptions,
    TimeProvider timeProvider) : IHealthCheck
{
    internal static readonly TimeSpan SuccessLifetime = TimeSpan.FromMinutes(1);

    private DateTimeOffset _lastSuccess = DateTimeOffset.MinValue;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = botOptions.Value;
        if (!settings.IsAuthenticationEnabled)
        {
            return HealthCheckResult.Healthy("authentication is off (local mode)");
        }

        var url = settings.BotFrameworkOpenIdMetadataUrl;
        if (timeProvider.GetUtcNow() - _lastSuccess < SuccessLifetime)
        {
            return HealthCheckResult.Healthy($"{url} loaded recently");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(healthOptions.Value.TimeoutSeconds));
        try
        {
            var client = httpClientFactory.CreateClient(OperationsServiceCollectionExtensions.HealthHttpClientName);
            using var response = await client.GetAsync(url, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"{url} answered {(int)response.StatusCode}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("jwks_uri", out var jwks) || jwks.ValueKind != JsonValueKind.String)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"{url} is not an OpenID metadata document (no jwks_uri)");
            }

            _lastSuccess = timeProvider.GetUtcNow();
            return HealthCheckResult.Healthy($"{url} loaded");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{url} did not answer within {healthOptions.Value.TimeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{url} is unreachable ({ex.HttpRequestError})");
        }
        catch (JsonException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{url} did not return JSON");
        }
    }
}
