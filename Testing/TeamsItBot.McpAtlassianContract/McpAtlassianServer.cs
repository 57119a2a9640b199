using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.McpAtlassianContract;

/// <summary>
/// mcp-atlassian's HTTP surface with streamable-http: stateful sessions at <c>/mcp</c>,
/// <c>/healthz</c> answering <c>{"status":"ok"}</c>, 401 with <see cref="AuthRequiredBody"/> for a
/// POST without credentials (no ALLOW_GLOBAL_CRED_FALLBACK), 404 <see cref="SessionNotFoundBody"/>
/// for a session the server no longer knows.
/// </summary>
public static class McpAtlassianServer
{
    public const string Name = "mcp-atlassian";
    public const string Version = "0.23.1";
    public const string McpPath = "/mcp";
    public const string HealthPath = "/healthz";
    public const string AuthRequiredBody = """{"error":"Authentication required: no Atlassian credentials were provided."}""";
    public const string SessionNotFoundBody = """{"jsonrpc":"2.0","id":"server-error","error":{"code":-32600,"message":"Session not found"}}""";

    /// <summary>The MCP server with mcp-atlassian's server info and stateful sessions; the double adds its handlers.</summary>
    public static IMcpServerBuilder AddMcpAtlassianServer(this IServiceCollection services) =>
        services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = Name, Version = Version })
            .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.Stateful);

    /// <summary>/healthz, then <paramref name="gate"/> in front of /mcp (credentials, faults, counting), then /mcp.</summary>
    public static void MapMcpAtlassian(this WebApplication app, Func<HttpContext, RequestDelegate, Task> gate)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(HealthPath, () => Results.Json(new Dictionary<string, string> { ["status"] = "ok" }));
        app.UseWhen(c => c.Request.Path.StartsWithSegments(McpPath), branch => branch.Use(gate));
        app.MapMcp(McpPath);
    }

    /// <summary>True when this request is refused for lacking credentials.</summary>
    public static bool LacksCredentials(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsPost(request.Method) && request.Headers.Authorization.ToString().Length == 0;
    }

    public static Task WriteAuthRequiredAsync(HttpResponse response) => WriteJsonAsync(response, StatusCodes.Status401Unauthorized, AuthRequiredBody);

    public static Task WriteSessionNotFoundAsync(HttpResponse response) => WriteJsonAsync(response, StatusCodes.Status404NotFound, SessionNotFoundBody);

    private static Task WriteJsonAsync(HttpResponse response, int status, string body)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync(body);
    }
}
