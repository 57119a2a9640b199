using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TeamsItBot.McpAtlassianContract;

namespace TeamsItBot.Tests.Testing;

/// <summary>One JSON-RPC request the double received.</summary>
public sealed record RecordedRequest(string Method, string? ToolName, IReadOnlyDictionary<string, JsonElement> Arguments, string? Authorization, string? SessionId);

/// <summary>
/// A contract double of mcp-atlassian (v0.23.1, streamable-http) on a real Kestrel port: /mcp with
/// stateful sessions, /healthz, the 401 for requests without credentials, and the Jira tools with
/// the contract's schemas, result texts and isError style (Testing/TeamsItBot.McpAtlassianContract,
/// shared with the bench's double). Records every request and can be made to fail: down, slow,
/// 500, expired sessions.
/// </summary>
public sealed partial class McpAtlassianDouble : IAsyncDisposable
{
    public const string SiteUrl = "https://acme.atlassian.net";
    public const string AuthRequiredBody = McpAtlassianServer.AuthRequiredBody;

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _sessionsSeen = new();
    private readonly ConcurrentDictionary<string, bool> _expiredSessions = new();
    private readonly ConcurrentDictionary<string, JsonObject> _issues = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly WebApplication _app;
    private int _nextIssue;
    private int _failNext;
    private bool _stopped;

    private McpAtlassianDouble(string projectKey, int firstIssueNumber)
    {
        ProjectKey = projectKey;
        _nextIssue = firstIssueNumber - 1;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddMcpAtlassianServer()
            .WithListToolsHandler((_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. Tools.Where(t => IsEnabled(t.Name)), .. OfferBase64Upload ? [Base64Tool] : Array.Empty<Tool>()] }))
            .WithCallToolHandler(async (request, _) =>
            {
                var result = CallTool(request.Params!);
                // Not the request's token: Jira finishes what it started even when the caller gave up.
                if (ResultDelay > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(ResultDelay, _stopping.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                return result;
            });
        _app = builder.Build();
        _app.MapMcpAtlassian(InspectAsync);
    }

    public string ProjectKey { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri McpUrl => new(BaseUrl, McpAtlassianServer.McpPath);

    /// <summary>mcp-atlassian without ALLOW_GLOBAL_CRED_FALLBACK: POSTs without Authorization get 401.</summary>
    public bool RequireCredentials { get; set; } = true;

    /// <summary>Every request waits this long before being handled.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>tools/call requests wait this long (after being recorded) before the tool acts; a caller hanging up cancels them.</summary>
    public TimeSpan ToolCallDelay { get; set; }

    /// <summary>tools/call results are held this long after the tool acted (the issue exists): an answer lost to a timeout.</summary>
    public TimeSpan ResultDelay { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>
    /// mcp-atlassian's ENABLED_TOOLS (READ_ONLY_MODE hides jira_create_issue the same way): tools not
    /// named are absent from tools/list and calling one answers isError "Unknown tool: ...". Null: all.
    /// </summary>
    public IReadOnlySet<string>? EnabledTools { get; set; }

    /// <summary>Replaces the text of a successful jira_create_issue (given the issue key), e.g. a non-JSON answer.</summary>
    public Func<string, string>? CreateResultText { get; set; }

    /// <summary>When set, jira_create_issue answers isError with this text (Jira's own refusal, as long as Jira makes it).</summary>
    public string? RejectCreateWith { get; set; }

    /// <summary>jira_search finds nothing, as right after a create while Jira's index catches up.</summary>
    public bool SearchIndexLagging { get; set; }

    private bool IsEnabled(string tool) => EnabledTools is null || EnabledTools.Contains(tool);

    /// <summary>The issues created so far that carry <paramref name="label"/>.</summary>
    public IReadOnlyList<string> IssueKeysWithLabel(string label) =>
        [.. _issues.Values.Where(i => i["labels"]!.AsArray().Any(l => l?.GetValue<string>() == label)).Select(i => i["key"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    public int IssueCount => _issues.Count;

    /// <summary>Jira users by e-mail, in mcp-atlassian's user-object shape (see <see cref="AddUser"/>).</summary>
    private ConcurrentDictionary<string, JsonObject> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True: a create carrying a reporter is refused as Jira does when the field is not on the create screen.</summary>
    public bool RefuseReporter { get; set; }

    /// <summary>A Jira user jira_get_user_profile finds by e-mail.</summary>
    public void AddUser(string email, string accountId, string displayName) =>
        Users[email] = McpAtlassianShapes.User(accountId, displayName, email, $"https://avatar.example/{accountId}/48x48");

    /// <summary>The issue as the double stored it (reporter included), or null.</summary>
    public JsonObject? Issue(string key) => _issues.TryGetValue(key, out var issue) ? (JsonObject)issue.DeepClone() : null;

    /// <summary>Calls of one tool (jira_create_issue, jira_search).</summary>
    public int ToolCallCount(string tool) => ToolCalls.Count(c => c.ToolName == tool);

    public IReadOnlyList<RecordedRequest> ToolCalls => [.. _requests.Where(r => r.Method == "tools/call")];

    public int InitializeCount => _requests.Count(r => r.Method == "initialize");

    public static async Task<McpAtlassianDouble> StartAsync(string projectKey = "ITSUPPORT", int firstIssueNumber = 1)
    {
        var server = new McpAtlassianDouble(projectKey, firstIssueNumber);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>The next <paramref name="count"/> MCP requests fail with HTTP 500.</summary>
    public void FailNext(int count = 1) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Forgets every session so far, as a restarted server would: their requests get 404.</summary>
    public void ExpireAllSessions()
    {
        foreach (var id in _sessionsSeen.Keys) _expiredSessions[id] = true;
    }

    /// <summary>Stops listening: connections are refused from now on.</summary>
    public async Task GoDownAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _stopping.CancelAsync();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await GoDownAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task InspectAsync(HttpContext context, RequestDelegate next)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var sessionId = context.Request.Headers["Mcp-Session-Id"].ToString();
        var toolCall = false;
        if (context.Request.Method == HttpMethods.Post)
        {
            context.Request.EnableBuffering();
            toolCall = Record(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted),
                authorization.Length == 0 ? null : authorization, sessionId.Length == 0 ? null : sessionId);
            context.Request.Body.Position = 0;
        }

        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted);
        if (ToolCallDelay > TimeSpan.Zero && toolCall) await Task.Delay(ToolCallDelay, context.RequestAborted);
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("Internal Server Error");
            return;
        }

        if (RequireCredentials && McpAtlassianServer.LacksCredentials(context.Request))
        {
            await McpAtlassianServer.WriteAuthRequiredAsync(context.Response);
            return;
        }

        if (sessionId.Length > 0 && _expiredSessions.ContainsKey(sessionId))
        {
            await McpAtlassianServer.WriteSessionNotFoundAsync(context.Response);
            return;
        }

        context.Response.OnStarting(() =>
        {
            if (context.Response.Headers["Mcp-Session-Id"].ToString() is { Length: > 0 } created) _sessionsSeen[created] = true;
            return Task.CompletedTask;
        });
        await next(context);
    }

    /// <summary>Records the request's messages; true when one of them is a tool call.</summary>
    private bool Record(JsonNode? body, string? authorization, string? sessionId)
    {
        var toolCall = false;
        foreach (var message in body is JsonArray batch ? [.. batch] : new[] { body })
        {
            if (message?["method"]?.GetValue<string>() is not { } method) continue;
            var toolName = method == "tools/call" ? message["params"]?["name"]?.GetValue<string>() : null;
            var arguments = message["params"]?["arguments"] is JsonObject args
                ? args.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))
                : [];
            _requests.Enqueue(new RecordedRequest(method, toolName, arguments, authorization, sessionId));
            toolCall |= method == "tools/call";
        }

        return toolCall;
    }
}
