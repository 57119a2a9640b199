using Microsoft.AspNetCore.Http.Features;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.Bench;

/// <summary>
/// The mcp-atlassian contract in miniature on 127.0.0.1: Streamable HTTP at <c>/mcp</c> with
/// stateful sessions, <c>/healthz</c>, the 401 without credentials, and the two tools the bot
/// needs with mcp-atlassian's result shape. Counts initializes (a POST without a session id).
/// Issues are not kept, so memory stays flat however many tickets the run creates.
/// </summary>
public sealed class BenchJira : IAsyncDisposable
{
    public const string SiteUrl = "https://acme.atlassian.net";
    public const string ProjectKey = "ITSUPPORT";

    private static readonly IList<Tool> Tools =
    [
        new()
        {
            Name = "jira_create_issue",
            Description = "Create a new Jira issue.",
            InputSchema = JsonSerializer.Deserialize<JsonElement>("""
                {"type":"object","properties":{"project_key":{"type":"string"},"summary":{"type":"string"},"issue_type":{"type":"string"},
                 "assignee":{"anyOf":[{"type":"string"},{"type":"null"}]},"description":{"anyOf":[{"type":"string"},{"type":"null"}]},
                 "components":{"anyOf":[{"type":"string"},{"type":"null"}]},"additional_fields":{"anyOf":[{"type":"string"},{"type":"null"}]}},
                 "required":["project_key","summary","issue_type"]}
                """),
        },
        new()
        {
            Name = "jira_search",
            Description = "Search Jira issues using JQL.",
            InputSchema = JsonSerializer.Deserialize<JsonElement>("""{"type":"object","properties":{"jql":{"type":"string"},"fields":{"type":"string"},"limit":{"type":"integer"},"start_at":{"type":"integer"},"page_token":{"type":"string"}},"required":["jql"]}"""),
        },
        new()
        {
            Name = "jira_get_issue",
            Description = "Get details of a specific Jira issue.",
            InputSchema = JsonSerializer.Deserialize<JsonElement>("""{"type":"object","properties":{"issue_key":{"type":"string"},"fields":{"type":"string"},"comment_limit":{"type":"integer"}},"required":["issue_key"]}"""),
        },
    ];

    private readonly WebApplication _app;
    private long _nextIssue;
    private long _initializes;
    private long _toolCalls;

    private BenchJira()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = "mcp-atlassian", Version = "0.23.0" })
            .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.Stateful)
            .WithListToolsHandler((_, _) => ValueTask.FromResult(new ListToolsResult { Tools = Tools }))
            .WithCallToolHandler((request, _) => ValueTask.FromResult(CallTool(request.Params!)));
        _app = builder.Build();
        _app.MapGet("/healthz", () => Results.Json(new Dictionary<string, string> { ["status"] = "ok" }));
        _app.UseWhen(c => c.Request.Path.StartsWithSegments("/mcp"), branch => branch.Use(GateAsync));
        _app.MapMcp("/mcp");
    }

    public Uri McpUrl { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Initialize requests received: a session starts with a POST that carries no session id.</summary>
    public long Initializes => Interlocked.Read(ref _initializes);

    public long ToolCalls => Interlocked.Read(ref _toolCalls);

    /// <summary>The poller profile's tracked tickets; null: searches find nothing (the default profile).</summary>
    public BenchTrackedTickets? Tracked { get; set; }

    public static async Task<BenchJira> StartAsync()
    {
        var jira = new BenchJira();
        await jira._app.StartAsync();
        var address = jira._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        jira.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        jira.McpUrl = new Uri(jira.BaseUrl, "mcp");
        return jira;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (context.Request.Headers.Authorization.Count == 0)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "Authentication required: no Atlassian credentials were provided." });
                return;
            }

            if (context.Request.Headers["Mcp-Session-Id"].Count == 0)
            {
                Interlocked.Increment(ref _initializes);
            }
        }

        await next(context);
    }

    private CallToolResult CallTool(CallToolRequestParams request)
    {
        Interlocked.Increment(ref _toolCalls);
        var arguments = request.Arguments ?? new Dictionary<string, JsonElement>();
        string? Arg(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? Number(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        switch (request.Name)
        {
            case "jira_create_issue" when Arg("project_key") != ProjectKey:
                return Error("Error calling tool 'create_issue': Specify a valid project ID or key");
            case "jira_create_issue" when string.IsNullOrEmpty(Arg("summary")) || string.IsNullOrEmpty(Arg("issue_type")):
                return Error("Error calling tool 'create_issue': 1 validation error for call[create_issue]");
            case "jira_create_issue":
                var number = Interlocked.Increment(ref _nextIssue);
                var id = (10000 + number).ToString(CultureInfo.InvariantCulture);
                return Success(new JsonObject
                {
                    ["message"] = "Issue created successfully",
                    ["issue"] = new JsonObject
                    {
                        ["id"] = id,
                        ["key"] = $"{ProjectKey}-{number.ToString(CultureInfo.InvariantCulture)}",
                        ["summary"] = Arg("summary"),
                        ["url"] = $"{SiteUrl}/rest/api/2/issue/{id}",
                        ["status"] = new JsonObject { ["name"] = "To Do" },
                        ["issue_type"] = new JsonObject { ["name"] = Arg("issue_type") },
                    },
                });
            case "jira_search" when Tracked is { } tracked && Arg("jql") is { } jql && jql.Contains("itbot-tracked", StringComparison.Ordinal):
                return Success(tracked.Search(jql, Number("limit") ?? 10, Number("start_at") ?? 0));
            case "jira_get_issue" when Tracked?.GetIssue(Arg("issue_key") ?? string.Empty) is { } issue:
                return Success(issue);
            case "jira_get_issue":
                return Error("Error calling tool 'get_issue': Issue does not exist or you do not have permission to see it.");
            case "jira_search":
                return Success(new JsonObject { ["total"] = 0, ["start_at"] = 0, ["max_results"] = 10, ["issues"] = new JsonArray() });
            default:
                return Error($"Unknown tool: {request.Name}");
        }
    }

    private static CallToolResult Success(JsonObject body)
    {
        var text = body.ToJsonString();
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(new JsonObject { ["result"] = text }),
            IsError = false,
        };
    }

    private static CallToolResult Error(string text) => new() { Content = [new TextContentBlock { Text = text }], IsError = true };
}
