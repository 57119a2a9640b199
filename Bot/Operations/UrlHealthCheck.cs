using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Operations;

/// <summary>
/// Ready when a GET of <paramref name="url"/> answers 2xx within Health:TimeoutSeconds. Used for
/// the ticket backend (mcp-atlassian answers <c>GET /healthz</c>); reusable for any HTTP dependency.
/// </summary>
public sealed class UrlHealthCheck(IHttpClientFactory httpClientFactory, IOptions<HealthOptions> options, Uri url) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Never echo credentials that may sit in the URL's user-info part.
        var shown = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri.GetLeftPart(UriPartial.Path);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            var client = httpClientFactory.CreateClient(OperationsServiceCollectionExtensions.HealthHttpClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{shown} answered {(int)response.StatusCode}")
                : new HealthCheckResult(context.Registration.FailureStatus, $"{shown} answered {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{shown} did not answer within {options.Value.TimeoutSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{shown} is unreachable ({ex.HttpRequestError})");
        }
    }
}
