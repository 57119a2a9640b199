namespace TeamsItBot.Tickets;

/// <summary>Why a ticket could not be created; decides the user-facing message and whether a retry can help.</summary>
public enum TicketFailure
{
    /// <summary>The MCP server could not be reached (connection refused, DNS, 5xx).</summary>
    BackendUnavailable,

    /// <summary>The server refused our credentials (HTTP 401/403).</summary>
    AuthenticationFailed,

    /// <summary>Jira refused the issue (tool result with isError); the message carries Jira's text.</summary>
    Rejected,

    /// <summary>No answer within the configured timeout.</summary>
    Timeout,

    /// <summary>MCP initialization or protocol failure, or a result the bot cannot read.</summary>
    ProtocolError,

    /// <summary>
    /// The server works but does not offer the tools the bot needs (mcp-atlassian with READ_ONLY_MODE,
    /// or ENABLED_TOOLS/TOOLSETS without jira_create_issue): a configuration error, not Jira's refusal.
    /// </summary>
    NotConfigured,
}
