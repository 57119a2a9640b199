using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets;

/// <summary>Refuses to start with a ticket configuration that can only fail later, naming every problem.</summary>
/// <param name="environment">The host's; without a host (tools, tests of the service alone) the local tracker counts as available.</param>
internal sealed partial class TicketOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<TicketOptions>
{
    [GeneratedRegex("^[A-Z][A-Z0-9_]+$")]
    internal static partial Regex ProjectKeyPattern();

    public ValidateOptionsResult Validate(string? name, TicketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!ProjectKeyPattern().IsMatch(options.ProjectKey ?? string.Empty))
        {
            problems.Add($"JIRA_PROJECT_KEY must match ^[A-Z][A-Z0-9_]+$ (got '{options.ProjectKey}')");
        }

        CheckUrl(problems, TicketOptions.McpAtlassianUrlKey, options.McpAtlassianUrl);
        CheckUrl(problems, "JIRA_URL", options.JiraUrl);
        CheckUrl(problems, "Bot:PublicBaseUrl", options.PublicBaseUrl);
        if (options.UsesLocalTracker && !(options.LocalTrackerEnabled ?? environment?.IsDevelopment() ?? true))
        {
            // Fails the start-up rather than the first ticket: a forgotten MCP_ATLASSIAN_URL in production
            // must not quietly become an open, file-backed stand-in for Jira.
            problems.Add("no ticket backend: MCP_ATLASSIAN_URL is not set and the embedded local tracker only runs in Development. "
                + "Set MCP_ATLASSIAN_URL (and JIRA_URL) to your mcp-atlassian server, or LocalTracker__Enabled=true with LocalTracker__AccessKey to run the local tracker deliberately");
        }

        if (!options.UsesLocalTracker && string.IsNullOrWhiteSpace(options.JiraUrl))
        {
            problems.Add("JIRA_URL is required when MCP_ATLASSIAN_URL is set (browse links are JIRA_URL/browse/KEY)");
        }

        if (!string.IsNullOrEmpty(options.JiraApiToken) && string.IsNullOrEmpty(options.JiraUsername))
        {
            problems.Add("JIRA_API_TOKEN is set but JIRA_USERNAME is not (Basic credentials need both)");
        }

        if (!string.IsNullOrEmpty(options.JiraUsername) && string.IsNullOrEmpty(options.JiraApiToken)
            && string.IsNullOrEmpty(options.JiraPersonalToken))
        {
            problems.Add("JIRA_USERNAME is set but neither JIRA_API_TOKEN nor JIRA_PERSONAL_TOKEN is");
        }

        if (string.IsNullOrWhiteSpace(options.IssueType))
        {
            problems.Add("Tickets:IssueType must not be empty");
        }

        if (!JiraFlavors.TryParse(options.Flavor, out _))
        {
            problems.Add($"JIRA_FLAVOR (Tickets:Flavor) must be cloud, server or auto (got '{options.Flavor}')");
        }

        if (options.ReporterCacheMinutes is < 0 or > 10_080)
        {
            problems.Add($"Tickets:ReporterCacheMinutes must be between 0 and 10080 (got {options.ReporterCacheMinutes})");
        }

        if (options.TimeoutSeconds is < 1 or > 600)
        {
            problems.Add($"Tickets:TimeoutSeconds must be between 1 and 600 (got {options.TimeoutSeconds})");
        }

        if (options.Labels.Any(l => string.IsNullOrWhiteSpace(l) || l.Any(char.IsWhiteSpace)))
        {
            problems.Add("Tickets:Labels must be non-empty and contain no spaces (Jira labels are single words)");
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Ticket configuration: {string.Join("; ", problems)}");
    }

    private static void CheckUrl(List<string> problems, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            problems.Add($"{name} must be an absolute http(s) URL (got '{value}')");
        }
    }
}
