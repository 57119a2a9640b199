namespace TeamsItBot.Tickets;

/// <summary>
/// Which converter mcp-atlassian runs on a Markdown description: <see cref="Cloud"/> turns it into ADF
/// (its own small converter), <see cref="Server"/> (Server/Data Center) into wiki markup. The two need
/// different protection of user text, so the description is built for one of them.
/// </summary>
public enum JiraFlavor
{
    Cloud,
    Server,
}

public static class JiraFlavors
{
    // mcp-atlassian 0.23.1 (utils/urls.py is_atlassian_cloud_url): these host suffixes are Cloud, anything else Server/DC.
    private static readonly string[] CloudHostSuffixes =
        [".atlassian.net", ".jira.com", ".jira-dev.com", ".atlassian.com", ".atlassian-us-gov-mod.net", ".atlassian-us-gov.net"];

    /// <summary>The flavour mcp-atlassian itself picks for <paramref name="jiraUrl"/>; null or unreadable counts as Cloud.</summary>
    public static JiraFlavor FromJiraUrl(string? jiraUrl)
    {
        if (string.IsNullOrWhiteSpace(jiraUrl) || !Uri.TryCreate(jiraUrl, UriKind.Absolute, out var uri))
        {
            return JiraFlavor.Cloud;
        }

        var host = uri.Host.ToLowerInvariant();
        return host == "api.atlassian.com" || CloudHostSuffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal))
            ? JiraFlavor.Cloud
            : JiraFlavor.Server;
    }

    /// <summary>"cloud", "server" (also "dc", "datacenter") or "auto"/empty; null when unreadable.</summary>
    public static bool TryParse(string? value, out JiraFlavor? flavor)
    {
        flavor = null;
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                return true;
            case "cloud":
                flavor = JiraFlavor.Cloud;
                return true;
            case "server" or "dc" or "datacenter" or "data-center":
                flavor = JiraFlavor.Server;
                return true;
            default:
                return false;
        }
    }
}
