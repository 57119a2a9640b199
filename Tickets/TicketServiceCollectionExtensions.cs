using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeamsItBot.Tickets.Evidence;
using TeamsItBot.Tickets.FollowUp;
using TeamsItBot.Tickets.Notifications;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tickets;

public static class TicketServiceCollectionExtensions
{
    /// <summary>The name of the ticket tools' readiness check in /readyz.</summary>
    public const string ToolsCheckName = "ticket-tools";

    /// <summary>The tag the host's /readyz selects checks by (Operations' ReadyTag; Tickets cannot reference it).</summary>
    public const string ReadinessTag = "ready";

    /// <summary>
    /// The ticket service over MCP: options (root JIRA_*, MCP_ATLASSIAN_URL, Bot:PublicBaseUrl and the
    /// Tickets section; the local tracker's switch, path and key come from the host) validated at start-up, the credentialed HttpClient, <see cref="ITicketService"/> and the
    /// outbox (<see cref="OutboxServiceCollectionExtensions.AddTicketOutbox"/>).
    /// </summary>
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TicketOptions>()
            .Configure(options => Read(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TicketOptions>, TicketOptionsValidator>());

        services.TryAddSingleton<TicketBackendEndpoints>();
        services.TryAddTransient<JiraCredentialsHandler>();
        services.AddHttpClient(McpJiraTicketService.HttpClientName)
            .ConfigureHttpClient((sp, client) =>
                // A backstop only: each operation has its own deadline of Tickets:TimeoutSeconds.
                client.Timeout = sp.GetRequiredService<IOptions<TicketOptions>>().Value.Timeout + TimeSpan.FromSeconds(10))
            .AddHttpMessageHandler<JiraCredentialsHandler>();
        services.TryAddSingleton<McpJiraTicketService>();
        services.TryAddSingleton<ITicketService>(sp => sp.GetRequiredService<McpJiraTicketService>());
        services.AddHostedService<TicketBackendStartupLog>();
        services.AddHostedService<McpSessionShutdown>();
        services.AddTicketEvidence(configuration);
        services.AddTicketOutbox(configuration);
        services.AddTicketFollowUp(configuration);
        if (TicketOptions.HasExternalTracker(configuration))
        {
            // A server that is up but read-only (or without jira_create_issue) cannot take a ticket.
            services.AddHealthChecks().AddCheck<TicketBackendHealthCheck>(ToolsCheckName, tags: [ReadinessTag]);
        }

        services.AddTicketNotifications();
        return services;
    }

    private static void Read(IConfiguration configuration, TicketOptions options)
    {
        var section = configuration.GetSection(TicketOptions.SectionName);
        options.JiraUrl = Value(configuration, "JIRA_URL");
        options.JiraUsername = Value(configuration, "JIRA_USERNAME");
        options.JiraApiToken = Value(configuration, "JIRA_API_TOKEN");
        options.JiraPersonalToken = Value(configuration, "JIRA_PERSONAL_TOKEN");
        options.ProjectKey = Value(configuration, "JIRA_PROJECT_KEY") ?? TicketOptions.DefaultProjectKey;
        options.McpAtlassianUrl = Value(configuration, TicketOptions.McpAtlassianUrlKey);
        options.PublicBaseUrl = Value(configuration, "Bot:PublicBaseUrl");
        options.IssueType = Value(section, nameof(TicketOptions.IssueType)) ?? options.IssueType;
        options.Priority = Value(section, nameof(TicketOptions.Priority));
        options.Components = Value(section, nameof(TicketOptions.Components));
        options.Labels = List(section.GetSection(nameof(TicketOptions.Labels)));
        options.Flavor = Value(configuration, "JIRA_FLAVOR") ?? Value(section, nameof(TicketOptions.Flavor));
        if (Value(section, nameof(TicketOptions.SetReporter)) is { } setReporter)
        {
            // Anything but true/false is refused rather than guessed.
            options.SetReporter = bool.TryParse(setReporter, out var parsed) ? parsed
                : throw new OptionsValidationException(TicketOptions.SectionName, typeof(TicketOptions),
                    [$"Tickets:SetReporter must be true or false (got '{setReporter}')"]);
        }

        if (Value(section, nameof(TicketOptions.ReporterCacheMinutes)) is { } minutes)
        {
            options.ReporterCacheMinutes = int.TryParse(minutes, System.Globalization.CultureInfo.InvariantCulture, out var parsedMinutes) ? parsedMinutes : -1;
        }
        if (Value(section, nameof(TicketOptions.TimeoutSeconds)) is { } seconds)
        {
            // An unreadable number becomes 0 so the validator names it instead of a binder exception.
            options.TimeoutSeconds = int.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        }
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    /// <summary>Either "a,b" (one environment variable) or an array (appsettings / Labels__0).</summary>
    private static List<string> List(IConfigurationSection section)
    {
        var items = section.Value is { } csv ? csv.Split(',') : section.GetChildren().Select(c => c.Value ?? string.Empty);
        return [.. items.Select(i => i.Trim()).Where(i => i.Length > 0)];
    }
}
