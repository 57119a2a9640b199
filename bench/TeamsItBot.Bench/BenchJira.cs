using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using ModelContextProtocol.Protocol;
using TeamsItBot.McpAtlassianContract;

namespace TeamsItBot.Bench;

/// <summary>
/// The mcp-atlassian contract in miniature on 127.0.0.1: Streamable HTTP at <c>/mcp</c> with
/// stateful sessions, <c>/healthz</c>, the 401 without credentials, and the two tools the bot
/// needs, with the schemas, result shapes and error texts of the shared contract
/// (Testing/TeamsItBot.McpAtlassianContract, which the tests' double uses too). Counts
/// initializes (a POST without a session id).
/// Issues are not kept, so memory stays flat however many tickets the run creates.
/// </summary>
public sealed class BenchJira : IAsyncDisposable
{
    public const string SiteUrl = "https://acme.atlassian.net";
    public const string ProjectKey = "ITSUPPORT";

    /// <summary>The tools the bench serves: only what a ticket needs.</summary>
    private static readonly IList<Tool> Tools = McpAtlassianTools.Select(McpAtlassianTools.CreateIssue, McpAtlassianTools.Search, McpAtlassianTools.GetIssue);

    private readonly WebApplication _app;
    private long _nextIssue;
    private long _initializes;
    private long _toolCalls;

    private BenchJira()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddMcpAtlassianServer()
            .WithListToolsHandler((_, _) => ValueTask.FromResult(new ListToolsResult { Tools = Tools }))
            .WithCallToolHandler((request, _) => ValueTask.FromResult(CallTool(request.Params!)));
        _app = builder.Build();
        _app.MapMcpAtlassian(GateAsync);
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
        jira.McpUrl = new Uri(jira.BaseUrl, McpAtlassianServer.McpPath.TrimStart('/'));
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
            if (McpAtlassianServer.LacksCredentials(context.Request))
            {
                await McpAtlassianServer.WriteAuthRequiredAsync(context.Response);
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
            case McpAtlassianTools.CreateIssue when Arg("project_key") != ProjectKey:
                return McpAtlassianResults.ToolError(McpAtlassianTools.CreateIssue, McpAtlassianShapes.InvalidProject);
            case McpAtlassianTools.CreateIssue when string.IsNullOrEmpty(Arg("summary")):
                return McpAtlassianResults.FieldRequired(McpAtlassianTools.CreateIssue, "summary");
            case McpAtlassianTools.CreateIssue when string.IsNullOrEmpty(Arg("issue_type")):
                return McpAtlassianResults.FieldRequired(McpAtlassianTools.CreateIssue, "issue_type");
            case McpAtlassianTools.CreateIssue:
                var number = Interlocked.Increment(ref _nextIssue);
                var id = (10000 + number).ToString(CultureInfo.InvariantCulture);
                return McpAtlassianResults.Success(McpAtlassianShapes.IssueCreated(new JsonObject
                {
                    ["id"] = id,
                    ["key"] = $"{ProjectKey}-{number.ToString(CultureInfo.InvariantCulture)}",
                    ["summary"] = Arg("summary"),
                    ["url"] = McpAtlassianShapes.RestUrl(SiteUrl, id),
                    ["status"] = McpAtlassianShapes.Status("To Do", "To Do", "blue-gray"),
                    ["issue_type"] = new JsonObject { ["name"] = Arg("issue_type") },
                }));
            case McpAtlassianTools.Search when Tracked is { } tracked && Arg("jql") is { } jql && jql.Contains("itbot-tracked", StringComparison.Ordinal):
                return McpAtlassianResults.Success(tracked.Search(jql, Number("limit") ?? 10, Number("start_at") ?? 0));
            case McpAtlassianTools.GetIssue when Tracked?.GetIssue(Arg("issue_key") ?? string.Empty) is { } issue:
                return McpAtlassianResults.Success(issue);
            case McpAtlassianTools.GetIssue:
                return McpAtlassianResults.ToolError(McpAtlassianTools.GetIssue, "Issue does not exist or you do not have permission to see it.");
            case McpAtlassianTools.Search:
                return McpAtlassianResults.Success(McpAtlassianShapes.SearchPage([], limit: 10));
            default:
                return McpAtlassianResults.UnknownTool(request.Name);
        }
    }
}
