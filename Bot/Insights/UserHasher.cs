using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights;

/// <summary>The keyed hash that stands for a user in events: stable per user, not reversible without the key.</summary>
public sealed class UserHasher
{
    private const string BuiltInKey = "teamsitbot-insights";
    private readonly byte[] _key;

    public UserHasher(IOptions<AnalyticsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = Encoding.UTF8.GetBytes(string.IsNullOrEmpty(options.Value.UserHashKey) ? BuiltInKey : options.Value.UserHashKey);
    }

    /// <param name="tenantId">Part of the hash, so one id in two tenants is two users.</param>
    public string Hash(string? tenantId, string? userId)
    {
        var input = Encoding.UTF8.GetBytes($"{tenantId}\n{userId}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, input))[..32];
    }
}
