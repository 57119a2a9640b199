using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamsItBot.Tests.Testing;

/// <summary>Whose published keys sign a token.</summary>
public enum TokenRealm
{
    BotFramework,
    Entra,
}

/// <summary>What to put in a minted token. Algorithm "none" gives an unsigned token, "HS*" an HMAC one.</summary>
public sealed record TokenSpec
{
    public required string Issuer { get; init; }
    public required string Audience { get; init; }
    public TokenRealm Realm { get; init; } = TokenRealm.BotFramework;
    public string? ServiceUrl { get; init; }
    public DateTimeOffset NotBefore { get; init; } = DateTimeOffset.UtcNow.AddMinutes(-1);
    public DateTimeOffset Expires { get; init; } = DateTimeOffset.UtcNow.AddHours(1);
    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;

    /// <summary>A published key of the realm; default: the realm's primary (msteams-endorsed) key.</summary>
    public string? KeyId { get; init; }

    /// <summary>Sign with a fresh unpublished key that claims the published kid.</summary>
    public bool ForgeSignature { get; init; }

    /// <summary>More payload claims, e.g. azp / appid / tid of an Entra ID token.</summary>
    public IReadOnlyDictionary<string, object>? Claims { get; init; }

    /// <summary>Sign with a fresh key under a kid this server never published (no JWKS has it).</summary>
    public bool UnpublishedKeyId { get; init; }
}

/// <summary>
/// A real OpenID metadata + JWKS server on 127.0.0.1 (Kestrel, port 0) with generated RSA keys for
/// two realms: Bot Framework (keys carry <c>endorsements</c>) and Entra ID (any tenant). Mints
/// tokens, rotates keys, counts metadata requests and can be told to fail.
/// </summary>
public sealed class LocalOpenIdServer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private static readonly string[] SigningAlgorithms = ["RS256"];
    private static readonly string[] AuthMethods = ["private_key_jwt"];

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<PublishedKey> _botFrameworkKeys = [];
    private readonly List<PublishedKey> _entraKeys = [];
    private readonly List<RSA> _allRsa = [];
    private string _botFrameworkPrimary;
    private string _entraPrimary;
    private int _botFrameworkMetadataRequests;
    private int _entraMetadataRequests;

    private LocalOpenIdServer(WebApplication app)
    {
        _app = app;
        _botFrameworkPrimary = AddBotFrameworkKey("msteams");
        _entraPrimary = AddKey(_entraKeys, []);
    }

    public string BaseUrl { get; private set; } = "";

    public string BotFrameworkMetadataUrl => $"{BaseUrl}/botframework/v1/.well-known/openidconfiguration";

    public string EntraMetadataUrlTemplate => $"{BaseUrl}/{{tenantId}}/v2.0/.well-known/openid-configuration";

    public int BotFrameworkMetadataRequests => Volatile.Read(ref _botFrameworkMetadataRequests);

    public int EntraMetadataRequests => Volatile.Read(ref _entraMetadataRequests);

    /// <summary>When set, every endpoint answers 503.</summary>
    public bool Failing { get; set; }

    public static async Task<LocalOpenIdServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalOpenIdServer(app);
        server.Map(app);
        await app.StartAsync(cancellationToken);
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>Publishes one more Bot Framework key endorsed for <paramref name="endorsements"/>; returns its kid.</summary>
    public string AddBotFrameworkKey(params string[] endorsements) => AddKey(_botFrameworkKeys, endorsements);

    /// <summary>Replaces every Bot Framework key by a new msteams-endorsed primary key; returns its kid.</summary>
    public string RotateBotFrameworkKeys()
    {
        lock (_gate)
        {
            _botFrameworkKeys.Clear();
        }

        var keyId = AddBotFrameworkKey("msteams");
        _botFrameworkPrimary = keyId;
        return keyId;
    }

    public string Mint(TokenSpec spec)
    {
        PublishedKey published;
        lock (_gate)
        {
            var (keys, primary) = spec.Realm == TokenRealm.BotFramework ? (_botFrameworkKeys, _botFrameworkPrimary) : (_entraKeys, _entraPrimary);
            var keyId = spec.KeyId ?? primary;
            published = keys.Single(k => k.KeyId == keyId);
        }

        var claims = new Dictionary<string, object>(spec.Claims ?? new Dictionary<string, object>());
        if (spec.ServiceUrl is not null)
        {
            claims["serviceurl"] = spec.ServiceUrl;
        }

        var kid = spec.UnpublishedKeyId ? "unpublished-" + Guid.NewGuid().ToString("N") : published.KeyId;
        if (spec.Algorithm == "none")
        {
            return Unsigned(spec, kid, claims);
        }

        SecurityKey key = spec.Algorithm.StartsWith("HS", StringComparison.Ordinal)
            ? new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)) { KeyId = kid }
            : new RsaSecurityKey(spec.ForgeSignature || spec.UnpublishedKeyId ? NewRsa() : published.Rsa) { KeyId = kid };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            NotBefore = spec.NotBefore.UtcDateTime,
            IssuedAt = spec.NotBefore.UtcDateTime,
            Expires = spec.Expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, spec.Algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var rsa in _allRsa)
        {
            rsa.Dispose();
        }
    }

    private static string Unsigned(TokenSpec spec, string keyId, Dictionary<string, object> claims)
    {
        var header = new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = keyId };
        var payload = new Dictionary<string, object>(claims)
        {
            ["iss"] = spec.Issuer,
            ["aud"] = spec.Audience,
            ["nbf"] = spec.NotBefore.ToUnixTimeSeconds(),
            ["exp"] = spec.Expires.ToUnixTimeSeconds(),
        };
        return $"{Encode(header)}.{Encode(payload)}.";

        static string Encode(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (Failing)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await next(context);
        });

        app.MapGet("/botframework/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref _botFrameworkMetadataRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = BotFrameworkIssuer,
                ["authorization_endpoint"] = "https://invalid.example/authorize",
                ["jwks_uri"] = $"{BaseUrl}/botframework/v1/keys",
                ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
                ["token_endpoint_auth_methods_supported"] = AuthMethods,
            });
        });
        app.MapGet("/botframework/v1/keys", () => Results.Content(Jwks(_botFrameworkKeys), "application/json"));

        app.MapGet("/{tenantId}/v2.0/.well-known/openid-configuration", (string tenantId) =>
        {
            Interlocked.Increment(ref _entraMetadataRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = $"https://login.microsoftonline.com/{tenantId}/v2.0",
                ["jwks_uri"] = $"{BaseUrl}/entra/keys",
                ["authorization_endpoint"] = $"{BaseUrl}/{tenantId}/oauth2/v2.0/authorize",
                ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            });
        });
        app.MapGet("/entra/keys", () => Results.Content(Jwks(_entraKeys), "application/json"));

        // Entra's client-credentials token endpoint, for the bot's outbound token.
        app.MapPost("/{tenantId}/oauth2/v2.0/token", async (string tenantId, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            TokenRequests.Enqueue(fields);
            if (fields.GetValueOrDefault("grant_type") != "client_credentials" || string.IsNullOrEmpty(fields.GetValueOrDefault("client_secret")))
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            return Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = $"outbound-token-{tenantId}-{TokenRequests.Count}" });
        });
    }

    /// <summary>Every form posted to the token endpoint.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();

    private string Jwks(List<PublishedKey> keys)
    {
        List<Dictionary<string, object>> published;
        lock (_gate)
        {
            published = [.. keys.Select(k =>
            {
                var parameters = k.Rsa.ExportParameters(includePrivateParameters: false);
                var jwk = new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = k.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                };
                if (k.Endorsements.Length > 0)
                {
                    jwk["endorsements"] = k.Endorsements;
                }

                return jwk;
            })];
        }

        return JsonSerializer.Serialize(new { keys = published });
    }

    private string AddKey(List<PublishedKey> keys, string[] endorsements)
    {
        var key = new PublishedKey(Guid.NewGuid().ToString("N"), NewRsa(), endorsements);
        lock (_gate)
        {
            keys.Add(key);
        }

        return key.KeyId;
    }

    private RSA NewRsa()
    {
        var rsa = RSA.Create(2048);
        lock (_gate)
        {
            _allRsa.Add(rsa);
        }

        return rsa;
    }

    private sealed record PublishedKey(string KeyId, RSA Rsa, string[] Endorsements);
}
