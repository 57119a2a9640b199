using Microsoft.IdentityModel.Tokens;

namespace TeamsItBot.Framework.Auth;

/// <summary>One signing key from a JWKS with the channels it is endorsed for (Bot Framework keys only).</summary>
internal sealed record SigningKey(JsonWebKey Key, IReadOnlyList<string> Endorsements)
{
    public bool IsEndorsedFor(string? channelId) =>
        !string.IsNullOrEmpty(channelId) && Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The keys published by one OpenID metadata document, as fetched at <see cref="FetchedAt"/>.</summary>
internal sealed record SigningKeySet(IReadOnlyList<SigningKey> Keys, DateTimeOffset FetchedAt)
{
    public IEnumerable<SecurityKey> SecurityKeys => Keys.Select(k => k.Key);

    /// <summary>A token without a kid is checked against every key, so it never asks for a refresh.</summary>
    public bool Contains(string? keyId) =>
        string.IsNullOrEmpty(keyId) || Keys.Any(k => string.Equals(k.Key.KeyId, keyId, StringComparison.Ordinal));

    /// <summary>The entry of the key that validated a signature.</summary>
    public SigningKey? Find(SecurityKey? key) =>
        key is null
            ? null
            : Keys.FirstOrDefault(k => ReferenceEquals(k.Key, key))
              ?? (string.IsNullOrEmpty(key.KeyId) ? null : Keys.FirstOrDefault(k => string.Equals(k.Key.KeyId, key.KeyId, StringComparison.Ordinal)));
}
