using System.Collections.Concurrent;

namespace TeamsItBot.Framework.Connector;

/// <summary>
/// The serviceUrls the bot may call: those vouched for by a validated token's <c>serviceurl</c>
/// claim, and loopback in local mode. Keeps the bot from being turned into a request forwarder.
/// </summary>
public sealed class TrustedServiceUrls(TimeProvider timeProvider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _trusted = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Set when no app id is configured: loopback hosts (Playground, Emulator) are trusted.</summary>
    public bool AllowLoopback { get; set; }

    public void Trust(string serviceUrl) => _trusted[Normalize(serviceUrl)] = timeProvider.GetUtcNow() + Lifetime;

    public bool IsTrusted(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        if (AllowLoopback && uri.IsLoopback)
        {
            return true;
        }

        return _trusted.TryGetValue(Normalize(serviceUrl), out var expires) && expires > timeProvider.GetUtcNow();
    }

    public static string Normalize(string serviceUrl) => serviceUrl.TrimEnd('/');
}
