using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// Who may reach /local-jira. With an access key: only requests that carry it (Bearer, or Basic
/// with any user name so a person can type it into the browser's prompt). Without one (an open
/// tracker, Development only): only loopback host names, so a page whose DNS name was re-pointed
/// at 127.0.0.1 cannot read the tracker. And on the MCP endpoint, always, the Origin check the MCP
/// Streamable HTTP transport asks for: a browser Origin that is not local (or the configured
/// public base URL) gets 403.
/// </summary>
internal sealed class LocalTrackerGuard(LocalTrackerOptions options)
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private readonly byte[]? _keyHash = string.IsNullOrEmpty(options.AccessKey) ? null : Hash(options.AccessKey);
    private readonly Uri? _publicBase = Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) ? uri : null;

    public bool RequiresAccessKey => _keyHash is not null;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(LocalTrackerOptions.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        if (_keyHash is null && !IsAllowedHost(request.Host.Host))
        {
            return Refuse(context, StatusCodes.Status403Forbidden, "The local tracker answers only on localhost (set LocalTracker__AccessKey to serve it under another name).");
        }

        if (request.Path.StartsWithSegments(LocalTrackerOptions.BasePath + "/mcp", StringComparison.OrdinalIgnoreCase)
            && request.Headers.Origin.Count > 0 && !IsAllowedOrigin(request.Headers.Origin.ToString()))
        {
            return Refuse(context, StatusCodes.Status403Forbidden, "Requests from this Origin are not allowed.");
        }

        if (_keyHash is not null && !CarriesKey(request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Basic realm=\"local-jira\", charset=\"UTF-8\"");
            context.Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"local-jira\"");
            return Refuse(context, StatusCodes.Status401Unauthorized, "The local tracker needs its access key.");
        }

        return next(context);
    }

    private bool IsAllowedHost(string host) =>
        LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
        || (_publicBase is not null && string.Equals(_publicBase.Host, host, StringComparison.OrdinalIgnoreCase));

    private bool IsAllowedOrigin(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        return LoopbackHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)
            || (_publicBase is not null && Uri.Compare(uri, _publicBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
    }

    private bool CarriesKey(string authorization)
    {
        string? presented = null;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            presented = BasicPassword(authorization["Basic ".Length..].Trim());
        }

        // Hashes have equal length, so the comparison time says nothing about the key.
        return presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Hash(presented), _keyHash);
    }

    private static string? BasicPassword(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : pair[(colon + 1)..];
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static Task Refuse(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new { type = "about:blank", title = status == 401 ? "Unauthorized" : "Forbidden", status, detail },
            (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json",
            context.RequestAborted);
    }
}
