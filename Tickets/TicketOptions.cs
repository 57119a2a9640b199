namespace TeamsItBot.Tickets;

/// <summary>
/// Ticket backend settings. The JIRA_* and MCP_ATLASSIAN_URL names are the seed design's public
/// interface and are read as root keys (environment variables or appsettings root); the rest
/// lives under the "Tickets" section.
/// </summary>
public sealed class TicketOptions
{
    public const string SectionName = "Tickets";
    public const string DefaultProjectKey = "ITSUPPORT";

    /// <summary>The root key naming an external mcp-atlassian; the only place it is spelled.</summary>
    public const string McpAtlassianUrlKey = "MCP_ATLASSIAN_URL";

    /// <summary>JIRA_URL: the Jira site; browse links are {JiraUrl}/browse/{key}.</summary>
    public string? JiraUrl { get; set; }

    /// <summary>JIRA_USERNAME: account e-mail for Basic credentials (Cloud).</summary>
    public string? JiraUsername { get; set; }

    /// <summary>JIRA_API_TOKEN: API token paired with <see cref="JiraUsername"/>. Secret.</summary>
    public string? JiraApiToken { get; set; }

    /// <summary>JIRA_PERSONAL_TOKEN: personal access token (Server/DC), sent as "Token ...". Secret.</summary>
    public string? JiraPersonalToken { get; set; }

    /// <summary>JIRA_PROJECT_KEY.</summary>
    public string ProjectKey { get; set; } = DefaultProjectKey;

    /// <summary>MCP_ATLASSIAN_URL, e.g. http://mcp-atlassian:9000/mcp. Unset: the embedded local tracker.</summary>
    public string? McpAtlassianUrl { get; set; }

    /// <summary>Bot:PublicBaseUrl: the bot's own base URL, used to reach the local tracker.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Whether the embedded local tracker runs, given by the host at composition from the tracker's own
    /// options (Tickets cannot reference LocalTracker); null (no host said) = only in Development.
    /// </summary>
    public bool? LocalTrackerEnabled { get; set; }

    /// <summary>The local tracker's route prefix (e.g. /local-jira), given by the host with <see cref="LocalTrackerEnabled"/>.</summary>
    public string? LocalTrackerPath { get; set; }

    /// <summary>The local tracker's access key, given by the host: sent to it as a Bearer token. Secret.</summary>
    public string? LocalTrackerAccessKey { get; set; }

    public string IssueType { get; set; } = "Task";

    public string? Priority { get; set; }

    public IList<string> Labels { get; set; } = [];

    /// <summary>Comma-separated component names, passed to Jira as is.</summary>
    public string? Components { get; set; }

    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// Tickets:SetReporter: file as the employee (their Teams e-mail resolved with jira_get_user_profile);
    /// false files every ticket as the bot account.
    /// </summary>
    public bool SetReporter { get; set; } = true;

    /// <summary>Tickets:ReporterCacheMinutes: how long a resolved reporter is reused (misses: 5 minutes).</summary>
    public int ReporterCacheMinutes { get; set; } = 60;

    public TimeSpan ReporterCacheTime => TimeSpan.FromMinutes(ReporterCacheMinutes);

    /// <summary>
    /// JIRA_FLAVOR or Tickets:Flavor: "cloud", "server" or "auto" (default). Auto follows mcp-atlassian's own
    /// rule on JIRA_URL's host (*.atlassian.net and the other Atlassian Cloud hosts: Cloud; anything else: Server/DC).
    /// </summary>
    public string? Flavor { get; set; }

    /// <summary>
    /// The converter the description is built for. The local tracker shows descriptions the way Jira Cloud
    /// does, so it counts as Cloud.
    /// </summary>
    public JiraFlavor EffectiveFlavor =>
        JiraFlavors.TryParse(Flavor, out var chosen) && chosen is { } flavor ? flavor
        : UsesLocalTracker ? JiraFlavor.Cloud
        : JiraFlavors.FromJiraUrl(JiraUrl);

    public bool UsesLocalTracker => string.IsNullOrWhiteSpace(McpAtlassianUrl);

    /// <summary>True when <see cref="McpAtlassianUrlKey"/> names an external server (read before options exist, to compose).</summary>
    public static bool HasExternalTracker(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?[McpAtlassianUrlKey]);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>"Basic", "Token" or "none": which Authorization scheme the bot sends (never the secret).</summary>
    public string CredentialKind =>
        !string.IsNullOrEmpty(JiraUsername) && !string.IsNullOrEmpty(JiraApiToken) ? "Basic"
        : !string.IsNullOrEmpty(JiraPersonalToken) ? "Token"
        : "none";
}
