using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Auth;

/// <summary>
/// Local development mode (no MicrosoftAppId): every request is anonymous, as with the Emulator
/// and the Agents Playground. Only registered when the options validator allowed the mode.
/// </summary>
internal sealed class AnonymousAuthenticator : IBotAuthenticator
{
    public Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken = default) =>
        Task.FromResult(BotAuthenticationResult.Anonymous);
}

/// <summary>Local mode sends replies without a token.</summary>
internal sealed class NoTokenProvider : Connector.IBotTokenProvider
{
    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}
