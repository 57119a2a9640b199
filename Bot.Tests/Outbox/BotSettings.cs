using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Outbox;

/// <summary>Settings (configuration keys) of a bot aimed at the mcp-atlassian double, with a fast outbox.</summary>
internal static class BotSettings
{
    public static Dictionary<string, string?> ForDouble(McpAtlassianDouble jira, int timeoutSeconds = 5) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["MCP_ATLASSIAN_URL"] = jira.McpUrl.ToString(),
        ["JIRA_URL"] = McpAtlassianDouble.SiteUrl,
        ["JIRA_USERNAME"] = "bot@example.com",
        ["JIRA_API_TOKEN"] = "test-token",
        ["Tickets:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Outbox:PollInterval"] = "00:00:00.100",
        ["Outbox:InitialBackoff"] = "00:00:01",
        ["Outbox:MaxBackoff"] = "00:00:02",
        ["Outbox:LeaseDuration"] = "00:00:15",
        // These scenarios count the create and search calls; the evidence upload after them has its own tests (EvidenceTicketTests).
        ["Tickets:Evidence:Enabled"] = "false",
        // These scenarios count tool calls exactly; the change poller (its own tests) would add searches.
        ["Tickets:FollowUp:NotificationsEnabled"] = "false",
    };

    /// <summary>Tool-call counts for the report: diagnostic output, and appended to $OUTBOX_TOOLCALL_REPORT when set.</summary>
    public static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage("[tool calls] " + line);
        if (Environment.GetEnvironmentVariable("OUTBOX_TOOLCALL_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllLines(file, [line]);
        }
    }
}
