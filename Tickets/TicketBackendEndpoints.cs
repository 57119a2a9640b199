using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets;

/// <summary>The MCP endpoint and the browse base of the backend in use.</summary>
public sealed record TicketBackend(Uri McpEndpoint, Uri BrowseBase, bool IsLocalTracker);

/// <summary>
/// Resolves where tickets go. With MCP_ATLASSIAN_URL set: that server and JIRA_URL. Without it:
/// the embedded local tracker, reached over HTTP like any MCP server at {base}{path}/mcp, where
/// {path} is the tracker's route prefix the host put in the options and {base} is
/// Bot:PublicBaseUrl or the first Kestrel address, read lazily because the server's addresses
/// only exist once it listens.
/// </summary>
public sealed class TicketBackendEndpoints(IOptions<TicketOptions> options, IServiceProvider services)
{
    private TicketBackend? _resolved;

    public TicketBackend Resolve()
    {
        if (_resolved is not null) return _resolved;
        var value = options.Value;
        TicketBackend backend;
        if (!value.UsesLocalTracker)
        {
            backend = new TicketBackend(new Uri(value.McpAtlassianUrl!), new Uri(value.JiraUrl!.TrimEnd('/')), IsLocalTracker: false);
        }
        else
        {
            // JIRA_URL is ignored here on purpose: local issues only exist in the local tracker.
            var root = LocalBase(value) ?? throw new TicketException(TicketFailure.BackendUnavailable,
                "Local tracker mode (MCP_ATLASSIAN_URL unset) but the bot's base URL is unknown: set Bot:PublicBaseUrl or let Kestrel listen on a real address.");
            var path = value.LocalTrackerPath ?? throw new TicketException(TicketFailure.BackendUnavailable,
                "Local tracker mode (MCP_ATLASSIAN_URL unset) but no local tracker runs in this host: set MCP_ATLASSIAN_URL, or compose the local tracker with the tickets.");
            backend = new TicketBackend(new Uri(root + path + "/mcp"), new Uri(root + path), IsLocalTracker: true);
        }

        _resolved = backend;
        return backend;
    }

    private string? LocalBase(TicketOptions value)
    {
        if (!string.IsNullOrWhiteSpace(value.PublicBaseUrl)) return value.PublicBaseUrl.TrimEnd('/');
        var addresses = (services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0) return null;
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        return ToLoopback(address).TrimEnd('/');
    }

    /// <summary>Wildcard bindings (0.0.0.0, [::], +, *) are reached through localhost.</summary>
    internal static string ToLoopback(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return address;
        var hostStart = schemeEnd + 3;
        var hostEnd = address.Length > hostStart && address[hostStart] == '[' ? address.IndexOf(']', hostStart) + 1 : address.IndexOf(':', hostStart);
        if (hostEnd <= hostStart) hostEnd = address.Length;
        var host = address[hostStart..hostEnd];
        return host is "0.0.0.0" or "[::]" or "+" or "*"
            ? string.Concat(address.AsSpan(0, hostStart), "localhost", address.AsSpan(hostEnd))
            : address;
    }
}
