using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.Auth;

/// <summary>
/// The OAuth 2.0 client-credentials request MSAL would make, for a loopback http authority
/// (ToChannelFromBotLoginUrl), which MSAL refuses: lets a local identity provider stand in for
/// Entra ID in end-to-end tests. Production authorities always go through MSAL.
/// </summary>
internal sealed partial class ClientCredentialsTokenProvider(
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    IOptions<BotFrameworkOptions> options,
    ILogger<ClientCredentialsTokenProvider> logger) : IBotTokenProvider, IDisposable
{
    public const string HttpClientName = "bot-auth-token";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset Expires)? _cached;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } fresh && fresh.Expires - RenewBefore > timeProvider.GetUtcNow())
        {
            return fresh.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.Expires - RenewBefore > timeProvider.GetUtcNow())
            {
                return again.Token;
            }

            var settings = options.Value;
            var plan = MsalBotTokenProvider.PlanFor(settings);
            var endpoint = $"{plan.Authority}/oauth2/v2.0/token";
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = plan.ClientId,
                ["client_secret"] = settings.MicrosoftAppPassword ?? string.Empty,
                ["scope"] = MsalBotTokenProvider.ScopeFor(settings),
            });
            using var response = await httpClientFactory.CreateClient(HttpClientName).PostAsync(endpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogTokenFailed(endpoint, (int)response.StatusCode);
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new HttpRequestException("The token endpoint answered without a token.");
            _cached = (token.AccessToken, timeProvider.GetUtcNow().AddSeconds(Math.Max(token.ExpiresIn, 60)));
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not get a Bot Connector token from {Endpoint}: HTTP {StatusCode}")]
    private partial void LogTokenFailed(string endpoint, int statusCode);
}
