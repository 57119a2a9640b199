using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace TeamsItBot.LocalTracker;

public static partial class LocalTrackerExtensions
{
    /// <summary>
    /// True when the bot hosts its own tracker: no external tracker (the host asks the ticket part,
    /// which owns MCP_ATLASSIAN_URL) and either Development or LocalTracker:Enabled=true;
    /// LocalTracker:Enabled=false turns it off anywhere.
    /// </summary>
    public static bool IsLocalTrackerEnabled(IConfiguration configuration, IHostEnvironment environment, bool externalTracker)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (externalTracker) return false;
        return bool.TryParse(configuration?[LocalTrackerOptions.EnabledKey], out var enabled) ? enabled : environment.IsDevelopment();
    }

    /// <summary>
    /// The embedded tracker (an MCP server with the mcp-atlassian tool contract, SQLite storage);
    /// does nothing when <see cref="IsLocalTrackerEnabled"/> is false.
    /// </summary>
    public static IServiceCollection AddLocalTracker(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, bool externalTracker)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsLocalTrackerEnabled(configuration, environment, externalTracker)) return services;
        var development = environment.IsDevelopment();
        services.AddOptions<LocalTrackerOptions>()
            .Configure(options =>
            {
                if (!string.IsNullOrWhiteSpace(configuration["JIRA_PROJECT_KEY"])) options.ProjectKey = configuration["JIRA_PROJECT_KEY"]!.Trim();
                if (!string.IsNullOrWhiteSpace(configuration["BOT_DATA_DIR"])) options.DataDirectory = configuration["BOT_DATA_DIR"]!.Trim();
                options.PublicBaseUrl = string.IsNullOrWhiteSpace(configuration["Bot:PublicBaseUrl"]) ? null : configuration["Bot:PublicBaseUrl"];
                if (!string.IsNullOrWhiteSpace(configuration[LocalTrackerOptions.AttachmentDirectoryKey]))
                {
                    options.AttachmentDirectory = configuration[LocalTrackerOptions.AttachmentDirectoryKey]!.Trim();
                }

                var key = configuration[LocalTrackerOptions.AccessKeyKey];
                options.AccessKey = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
            })
            .Validate(options => ProjectKeyPattern().IsMatch(options.ProjectKey), "JIRA_PROJECT_KEY must match ^[A-Z][A-Z0-9_]+$")
            .Validate(options => development || options.AccessKey is not null,
                "LocalTracker__AccessKey is required when the local tracker runs outside Development (LocalTracker__Enabled=true): every /local-jira request must carry it")
            .Validate(options => options.AccessKey is null || options.AccessKey.Length >= LocalTrackerOptions.MinimumAccessKeyLength,
                $"LocalTracker__AccessKey must be at least {LocalTrackerOptions.MinimumAccessKeyLength} characters long")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<LocalIssueStore>();
        services.AddSingleton<LocalTrackerTools>();
        services.AddSingleton(sp => new LocalTrackerGuard(sp.GetRequiredService<IOptions<LocalTrackerOptions>>().Value));
        services.AddMcpServer(options => options.ServerInfo = new Implementation { Name = "teamsitbot-local-tracker", Version = "1.0" })
            .WithHttpTransport(options => options.SessionMode = HttpServerSessionMode.Stateful)
            .WithListToolsHandler(LocalTrackerTools.ListToolsAsync)
            .WithCallToolHandler(LocalTrackerTools.CallToolAsync);
        return services;
    }

    /// <summary>
    /// Maps /local-jira/mcp, /local-jira/browse/{key} and /local-jira/healthz behind
    /// <see cref="LocalTrackerGuard"/>; no-op when <see cref="AddLocalTracker"/> left it out (decided once, there).
    /// </summary>
    public static WebApplication MapLocalTracker(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<LocalTrackerGuard>() is not { } guard) return app;
        var options = app.Services.GetRequiredService<IOptions<LocalTrackerOptions>>().Value;
        app.Use(guard.InvokeAsync);
        var group = app.MapGroup(LocalTrackerOptions.BasePath);
        group.MapMcp("/mcp");
        group.MapGet("/browse/{key}", (string key, LocalIssueStore store, CancellationToken ct) => LocalTrackerPages.BrowseAsync(key, store, ct));
        group.MapPost("/browse/{key}/comment", (string key, HttpContext context, LocalIssueStore store) => LocalTrackerAgentActions.CommentAsync(key, context, store));
        group.MapPost("/browse/{key}/transition", (string key, HttpContext context, LocalIssueStore store) => LocalTrackerAgentActions.TransitionAsync(key, context, store));
        group.MapGet("/browse/{key}/attachments/{id:long}/{name?}", (string key, long id, LocalIssueStore store, CancellationToken ct) => LocalTrackerAttachmentPages.ServeAsync(key, id, store, ct));
        group.MapGet("/healthz", (LocalIssueStore store, CancellationToken ct) => LocalTrackerPages.HealthAsync(store, ct));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TeamsItBot.LocalTracker");
        LogEnabled(logger, LocalTrackerOptions.BasePath, options.ProjectKey, options.DatabasePath);
        if (guard.RequiresAccessKey)
        {
            LogKeyed(logger, LocalTrackerOptions.BasePath, app.Environment.EnvironmentName);
        }
        else
        {
            LogOpen(logger, LocalTrackerOptions.BasePath);
        }

        return app;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]+$")]
    private static partial Regex ProjectKeyPattern();

    [LoggerMessage(41, LogLevel.Information, "Local tracker enabled at {BasePath} (MCP at {BasePath}/mcp), project {ProjectKey}, SQLite {DatabasePath}")]
    private static partial void LogEnabled(ILogger logger, string basePath, string projectKey, string databasePath);

    [LoggerMessage(42, LogLevel.Warning, "Local tracker is on in {Environment} (LocalTracker__Enabled): every {BasePath} request needs the access key (LocalTracker__AccessKey, as Bearer or as the Basic password). It is a stand-in for Jira, not a ticket system")]
    private static partial void LogKeyed(ILogger logger, string basePath, string environment);

    [LoggerMessage(43, LogLevel.Information, "Local tracker at {BasePath} is open without an access key and answers only to localhost, 127.0.0.1 and [::1] (and Bot:PublicBaseUrl's host)")]
    private static partial void LogOpen(ILogger logger, string basePath);
}
