using TeamsItBot.Framework.Connector;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Support.Evidence;

/// <summary>How a file URL may be fetched: never, with the bot's token, or without it.</summary>
public enum DownloadTrust
{
    Refused,
    WithToken,
    WithoutToken,
}

/// <summary>
/// Which URLs the bot fetches for evidence, so a message cannot make it request arbitrary addresses
/// (server-side request forgery) or hand its token to a stranger: the bot's token goes only to the
/// Bot Connector's attachment hosts and the serviceUrl of an authenticated activity; Teams' file-consent
/// links (OneDrive/SharePoint) are fetched without it; loopback only in local mode; https otherwise.
/// </summary>
public sealed class EvidenceDownloadPolicy(EvidenceOptions options, TrustedServiceUrls trustedServiceUrls)
{
    public DownloadTrust Trust(Uri url, string? serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.UserInfo.Length > 0)
        {
            return DownloadTrust.Refused;
        }

        if (url.IsLoopback && trustedServiceUrls.AllowLoopback && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return DownloadTrust.WithToken;
        }

        if (url.Scheme != Uri.UriSchemeHttps || url.HostNameType != UriHostNameType.Dns)
        {
            return DownloadTrust.Refused;
        }

        if (Matches(url.Host, options.TrustedDownloadHosts)
            || (serviceUrl is not null && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service)
                && string.Equals(service.Host, url.Host, StringComparison.OrdinalIgnoreCase) && trustedServiceUrls.IsTrusted(serviceUrl)))
        {
            return DownloadTrust.WithToken;
        }

        return Matches(url.Host, options.FileConsentHosts) ? DownloadTrust.WithoutToken : DownloadTrust.Refused;
    }

    /// <summary>"host" matches itself; "*.domain" matches its subdomains.</summary>
    public static bool Matches(string host, IEnumerable<string> patterns) => patterns.Any(pattern =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));
}
