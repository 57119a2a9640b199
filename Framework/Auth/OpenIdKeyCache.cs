using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace TeamsItBot.Framework.Auth;

/// <summary>
/// Fetches OpenID metadata and its JWKS lazily and keeps them for hours, per metadata URL. A token
/// whose kid is unknown forces one refresh (keys rotate), but at most one per
/// <see cref="ForcedRefreshInterval"/> so random kids cannot turn the bot into a metadata hammer.
/// The JWKS is parsed here rather than through ConfigurationManager because the Bot Framework
/// keys carry an <c>endorsements</c> array that the validation needs.
/// </summary>
internal sealed partial class OpenIdKeyCache(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<OpenIdKeyCache> logger)
{
    public const string HttpClientName = "bot-auth-metadata";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(6);
    public static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>After a failed fetch, callers get what is cached (or nothing) for this long before the next try.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(5);

    // Entra metadata is per tenant; a multi-tenant bot could be shown many issuers.
    private const int MaxEntries = 64;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The keys for <paramref name="metadataUrl"/>, refreshed when stale or when <paramref name="keyId"/>
    /// is unknown. Stale keys are returned when a refresh fails; null when none could ever be fetched.
    /// </summary>
    public async Task<SigningKeySet?> GetKeysAsync(string metadataUrl, string? keyId, CancellationToken cancellationToken)
    {
        var entry = GetEntry(metadataUrl);
        if (TryUseCurrent(entry, keyId, timeProvider.GetUtcNow(), claimForcedRefresh: false) is { } fresh)
        {
            return fresh;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            // Checked again under the gate: a concurrent caller may have refreshed meanwhile.
            var now = timeProvider.GetUtcNow();
            if (TryUseCurrent(entry, keyId, now, claimForcedRefresh: true) is { } current)
            {
                return current;
            }

            if (now - entry.LastFailure < FailureBackoff)
            {
                return entry.Current;
            }

            var fetched = await FetchAsync(metadataUrl, cancellationToken);
            if (fetched is null)
            {
                entry.LastFailure = now;
                return entry.Current;
            }

            entry.Current = fetched;
            LogKeysFetched(metadataUrl, fetched.Keys.Count);
            return fetched;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private static SigningKeySet? TryUseCurrent(Entry entry, string? keyId, DateTimeOffset now, bool claimForcedRefresh)
    {
        var current = entry.Current;
        if (current is null || now - current.FetchedAt >= RefreshInterval)
        {
            return null;
        }

        if (current.Contains(keyId) || now - entry.LastForcedRefresh < ForcedRefreshInterval)
        {
            return current;
        }

        if (claimForcedRefresh)
        {
            entry.LastForcedRefresh = now;
        }

        return null;
    }

    private Entry GetEntry(string metadataUrl)
    {
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(metadataUrl))
        {
            _entries.Clear();
        }

        return _entries.GetOrAdd(metadataUrl, _ => new Entry());
    }

    private async Task<SigningKeySet?> FetchAsync(string metadataUrl, CancellationToken cancellationToken)
    {
        try
        {
            var metadataUri = new Uri(metadataUrl, UriKind.Absolute);
            // Plain http is tolerated only for a loopback metadata server (tests, local stand-ins).
            var allowHttp = metadataUri.Scheme == Uri.UriSchemeHttp && metadataUri.IsLoopback;
            var client = httpClientFactory.CreateClient(HttpClientName);

            string jwksUrl;
            using (var metadata = await GetJsonAsync(client, metadataUri, allowHttp, cancellationToken))
            {
                jwksUrl = metadata.RootElement.GetProperty("jwks_uri").GetString()
                    ?? throw new InvalidOperationException("jwks_uri is null");
            }

            using var jwks = await GetJsonAsync(client, new Uri(jwksUrl, UriKind.Absolute), allowHttp, cancellationToken);
            var keys = ParseKeys(jwks.RootElement);
            if (keys.Count == 0)
            {
                LogFetchFailed(metadataUrl, "the JWKS has no usable RSA signing key");
                return null;
            }

            return new SigningKeySet(keys, timeProvider.GetUtcNow());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException
            or JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            LogFetchFailed(metadataUrl, ex.GetType().Name);
            return null;
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri uri, bool allowHttp, CancellationToken cancellationToken)
    {
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            throw new InvalidOperationException($"refusing non-https metadata URL {uri}");
        }

        using var response = await client.GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return JsonDocument.Parse(body);
    }

    private static List<SigningKey> ParseKeys(JsonElement jwks)
    {
        var keys = new List<SigningKey>();
        foreach (var element in jwks.GetProperty("keys").EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object || !IsRsaSigningKey(element))
            {
                continue;
            }

            var endorsements = new List<string>();
            if (element.TryGetProperty("endorsements", out var endorsed) && endorsed.ValueKind == JsonValueKind.Array)
            {
                endorsements.AddRange(endorsed.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!));
            }

            keys.Add(new SigningKey(new JsonWebKey(element.GetRawText()), endorsements));
        }

        return keys;
    }

    private static bool IsRsaSigningKey(JsonElement key) =>
        key.TryGetProperty("kty", out var kty) && kty.ValueKind == JsonValueKind.String && kty.GetString() == "RSA"
        && (!key.TryGetProperty("use", out var use) || use.ValueKind == JsonValueKind.Null
            || (use.ValueKind == JsonValueKind.String && use.GetString() == "sig"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys from {MetadataUrl}")]
    private partial void LogKeysFetched(string metadataUrl, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch signing keys from {MetadataUrl}: {Reason}")]
    private partial void LogFetchFailed(string metadataUrl, string reason);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile SigningKeySet? Current;
        public DateTimeOffset LastForcedRefresh { get; set; } = DateTimeOffset.MinValue;
        public DateTimeOffset LastFailure { get; set; } = DateTimeOffset.MinValue;
    }
}
