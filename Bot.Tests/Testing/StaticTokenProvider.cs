using TeamsItBot.Framework.Connector;

namespace TeamsItBot.Tests.Testing;

/// <summary>Hands out a fixed outbound token, standing in for MSAL.</summary>
public sealed class StaticTokenProvider(string? token) : IBotTokenProvider
{
    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult(token);
}
