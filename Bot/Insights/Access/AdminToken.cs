using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights.Access;

/// <summary>The Development admin token: configured, or random per process. Null outside Development.</summary>
public sealed class AdminToken
{
    public AdminToken(IOptions<AdminOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            Value = string.IsNullOrWhiteSpace(options.Value.Token)
                ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))
                : options.Value.Token.Trim();
        }
    }

    public string? Value { get; }

    public bool Matches(string? candidate) =>
        Value is not null && candidate is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(Value));
}
