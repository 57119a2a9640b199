namespace TeamsItBot.Tickets.Evidence;

/// <summary>
/// Tickets:Evidence: the transcript and the user's files attached to each ticket. mcp-atlassian 0.23.1
/// uploads only files on its own disk inside its working directory, so the bot writes them to
/// <see cref="Directory"/>, a volume the server sees at <see cref="ServerDirectory"/>.
/// </summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Tickets:Evidence";
    public const string TranscriptFileName = "transcript.txt";

    /// <summary>Tickets:Evidence:Enabled: false files tickets without transcript or files.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Tickets:Evidence:Directory: where the bot writes evidence (default {BOT_DATA_DIR}/evidence).</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>
    /// Tickets:Evidence:ServerDirectory: the same directory as the MCP server sees it (default /app/evidence
    /// for mcp-atlassian, whose uploads must lie under its working directory /app; the same path as
    /// <see cref="Directory"/> for the embedded tracker).
    /// </summary>
    public string ServerDirectory { get; set; } = string.Empty;

    /// <summary>Tickets:Evidence:MaxFileMegabytes: the largest file kept (10 MB).</summary>
    public int MaxFileMegabytes { get; set; } = 10;

    /// <summary>Tickets:Evidence:MaxFiles: files kept per ticket.</summary>
    public int MaxFiles { get; set; } = 10;

    /// <summary>Tickets:Evidence:AllowedTypes: content types kept (read from the bytes, not the sender's claim); empty: <see cref="DefaultAllowedTypes"/>.</summary>
    public IList<string> AllowedTypes { get; set; } = [];

    /// <summary>Tickets:Evidence:MaxTranscriptTurns: turns kept in the transcript (the first fifth and the most recent ones).</summary>
    public int MaxTranscriptTurns { get; set; } = 60;

    /// <summary>Tickets:Evidence:TrustedDownloadHosts: hosts besides the conversation's serviceUrl that may receive the bot's token; empty: <see cref="DefaultTrustedHosts"/>.</summary>
    public IList<string> TrustedDownloadHosts { get; set; } = [];

    /// <summary>Tickets:Evidence:FileConsentHosts: hosts of Teams' pre-authenticated file links (no token is sent to them); empty: <see cref="DefaultFileConsentHosts"/>.</summary>
    public IList<string> FileConsentHosts { get; set; } = [];

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    public static IReadOnlyList<string> DefaultAllowedTypes { get; } =
        ["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "text/plain", "application/pdf"];

    /// <summary>Where Teams serves inline images and attachments (the Bot Connector's attachment API).</summary>
    public static IReadOnlyList<string> DefaultTrustedHosts { get; } =
        ["smba.trafficmanager.net", "*.smba.trafficmanager.net", "*.botframework.com", "*.asm.skype.com"];

    /// <summary>Personal-chat file uploads (file consent) land in the user's OneDrive.</summary>
    public static IReadOnlyList<string> DefaultFileConsentHosts { get; } = ["*.sharepoint.com", "*.sharepoint.us", "*.sharepoint-df.com"];

    /// <summary>Bot-side path of a stored file.</summary>
    public string LocalPath(string storedPath) => Path.Combine(Path.GetFullPath(Directory), storedPath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Server-side path of a stored file: what jira_update_issue's attachments get.</summary>
    public string ServerPath(string storedPath) => $"{ServerDirectory.TrimEnd('/', '\\')}/{storedPath}";
}
