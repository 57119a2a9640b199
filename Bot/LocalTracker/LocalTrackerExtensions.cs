using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.LocalTracker;

public static partial class LocalTrackerExtensions
{
    /// <summary>True when no external mcp-atlassian is configured, so the bot hosts its own tracker.</summary>
    public static bool IsLocalTrackerEnabled(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration?["MCP_ATLASSIAN_URL"]);

    /// <summary>
    /// The embedded tracker (an MCP server with the mcp-atlassian tool contract, SQLite storage);
    /// does nothing when MCP_ATLASSIAN_URL is set.
    /// </summary>
    public static IServiceCollection AddLocalTracker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsLocalTrackerEnabled(configuration)) return services;
        services.AddOptions<LocalTrackerOptions>()
            .Configure(options =>
            {
                if (!string.IsNullOrWhiteSpace(configuration["JIRA_PROJECT_KEY"])) options.ProjectKey = configuration["JIRA_PROJECT_KEY"]!.Trim();
                if (!string.IsNullOrWhiteSpace(configuration["BOT_DATA_DIR"])) options.DataDirectory = configuration["BOT_DATA_DIR"]!.Trim();
                options.PublicBaseUrl = string.IsNullOrWhiteSpace(configuration["Bot:PublicBaseUrl"]) ? null : configuration["Bot:PublicBaseUrl"];
            })
            .Validate(options => ProjectKeyPattern().IsMatch(options.ProjectKey), "JIRA_PROJECT_KEY must match ^[A-Z][A-Z0-9_]+$")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<LocalIssueStore>();
        services.AddSingleton<LocalTrackerTools>();
        services.AddMcpServer(options => options.ServerInfo = new Implementation { Name = "teamsitbot-local-tracker", Version = "1.0" })
            .WithHttpTransport(options => options.SessionMode = HttpServerSessionMode.Stateful)
            .WithListToolsHandler(LocalTrackerTools.ListToolsAsync)
            .WithCallToolHandler(LocalTrackerTools.CallToolAsync);
        return services;
    }

    /// <summary>Maps /local-jira/mcp, /local-jira/browse/{key} and /local-jira/healthz; no-op when disabled.</summary>
    public static WebApplication MapLocalTracker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsLocalTrackerEnabled(app.Configuration)) return app;
        var options = app.Services.GetRequiredService<IOptions<LocalTrackerOptions>>().Value;
        var group = app.MapGroup(LocalTrackerOptions.BasePath);
        group.MapMcp("/mcp");
        group.MapGet("/browse/{key}", (string key, LocalIssueStore store, CancellationToken ct) => LocalTrackerPages.BrowseAsync(key, store, ct));
        group.MapPost("/browse/{key}/comment", (string key, HttpContext context, LocalIssueStore store) => LocalTrackerAgentActions.CommentAsync(key, context, store));
        group.MapPost("/browse/{key}/transition", (string key, HttpContext context, LocalIssueStore store) => LocalTrackerAgentActions.TransitionAsync(key, context, store));
        group.MapGet("/healthz", (LocalIssueStore store, CancellationToken ct) => LocalTrackerPages.HealthAsync(store, ct));
        LogEnabled(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TeamsItBot.LocalTracker"),
            LocalTrackerOptions.BasePath, options.ProjectKey, options.DatabasePath);
        return app;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]+$")]
    private static partial Regex ProjectKeyPattern();

    [LoggerMessage(41, LogLevel.Information, "Local tracker enabled at {BasePath} (MCP at {BasePath}/mcp), project {ProjectKey}, SQLite {DatabasePath}")]
    private static partial void LogEnabled(ILogger logger, string basePath, string projectKey, string databasePath);
}
