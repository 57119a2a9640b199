namespace TeamsItBot.LocalTracker;

/// <summary>
/// The embedded Jira stand-in, active when MCP_ATLASSIAN_URL is not set, in Development or with
/// LocalTracker:Enabled=true. Issues live in SQLite at {BOT_DATA_DIR}/local-jira.db; BOT_DATA_DIR
/// defaults to "data" beside the app binaries.
/// </summary>
public sealed class LocalTrackerOptions
{
    public const string BasePath = "/local-jira";
    public const string DatabaseFileName = "local-jira.db";
    public const string SectionName = "LocalTracker";
    public const string EnabledKey = SectionName + ":Enabled";
    public const string AccessKeyKey = SectionName + ":AccessKey";
    public const string AttachmentDirectoryKey = SectionName + ":AttachmentDirectory";

    /// <summary>Shortest accepted access key: long enough that it cannot be guessed online.</summary>
    public const int MinimumAccessKeyLength = 16;

    /// <summary>JIRA_PROJECT_KEY: the only project this tracker knows.</summary>
    public string ProjectKey { get; set; } = "ITSUPPORT";

    /// <summary>BOT_DATA_DIR (relative paths are taken from the working directory).</summary>
    public string DataDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Bot:PublicBaseUrl: when set, links use it instead of the request's own host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// LocalTracker:AccessKey: when set, every /local-jira request needs it (Bearer, or Basic with
    /// any user name); required outside Development. Without it the tracker answers only to
    /// loopback host names. Secret.
    /// </summary>
    public string? AccessKey { get; set; }

    /// <summary>
    /// LocalTracker:AttachmentDirectory: the tracker's "working directory" for jira_update_issue attachments (as /app is
    /// mcp-atlassian's): paths are resolved against it and must stay inside it. Default {BOT_DATA_DIR}/evidence,
    /// the bot's evidence directory, so the embedded pair share it.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public string AttachmentDirectory
    {
        get => string.IsNullOrWhiteSpace(_attachmentDirectory) ? Path.Combine(Path.GetFullPath(DataDirectory), "evidence") : _attachmentDirectory;
        set => _attachmentDirectory = value;
    }

    private string? _attachmentDirectory;

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), DatabaseFileName);
}
