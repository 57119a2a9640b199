using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets;

/// <summary>
/// Puts the Atlassian credentials on every MCP request: mcp-atlassian (v0.22+) refuses any POST
/// without them unless the server runs with a global credential fallback. The local tracker gets
/// its access key instead (LocalTracker:AccessKey), when one is set.
/// </summary>
internal sealed class JiraCredentialsHandler(IOptions<TicketOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = CreateHeader(options.Value);
        if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static AuthenticationHeaderValue? CreateHeader(TicketOptions options)
    {
        // The embedded tracker has no Jira account; outside Development it wants its access key.
        if (options.UsesLocalTracker)
        {
            return string.IsNullOrEmpty(options.LocalTrackerAccessKey) ? null : new AuthenticationHeaderValue("Bearer", options.LocalTrackerAccessKey);
        }

        if (!string.IsNullOrEmpty(options.JiraUsername) && !string.IsNullOrEmpty(options.JiraApiToken))
        {
            var pair = Encoding.UTF8.GetBytes($"{options.JiraUsername}:{options.JiraApiToken}");
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }

        return string.IsNullOrEmpty(options.JiraPersonalToken)
            ? null
            : new AuthenticationHeaderValue("Token", options.JiraPersonalToken);
    }
}
