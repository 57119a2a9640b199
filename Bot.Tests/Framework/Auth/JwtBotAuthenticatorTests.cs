using System.Net;
using Microsoft.IdentityModel.Tokens;
using TeamsItBot.Tests.Testing;
using static TeamsItBot.Tests.Framework.Auth.AuthenticatedBotApp;

namespace TeamsItBot.Tests.Framework.Auth;

/// <summary>One metadata server and one app for the stateless cases of inbound validation.</summary>
public sealed class AuthAppFixture : IAsyncLifetime
{
    public LocalOpenIdServer Server { get; private set; } = null!;
    public AuthenticatedBotApp App { get; private set; } = null!;
    public string WebChatKeyId { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        WebChatKeyId = Server.AddBotFrameworkKey("webchat");
        App = For(Server);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
    }
}

public sealed class JwtBotAuthenticatorTests(AuthAppFixture fixture) : IClassFixture<AuthAppFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private LocalOpenIdServer Server => fixture.Server;

    private AuthenticatedBotApp App => fixture.App;

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task Valid_bot_framework_token_runs_the_turn(string algorithm)
    {
        var token = Server.Mint(BotFrameworkToken() with { Algorithm = algorithm });

        AssertAccepted(await App.PostAsync(token));
    }

    [Fact]
    public async Task Audience_in_api_uri_form_is_accepted()
    {
        var token = Server.Mint(BotFrameworkToken() with { Audience = $"api://{AppId}" });

        AssertAccepted(await App.PostAsync(token));
    }

    [Fact]
    public async Task Serviceurl_differing_only_in_case_and_trailing_slash_is_accepted()
    {
        var token = Server.Mint(BotFrameworkToken() with { ServiceUrl = "HTTPS://SMBA.trafficmanager.net/emea" });

        AssertAccepted(await App.PostAsync(token));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/" + TenantId + "/v2.0")]
    [InlineData("https://sts.windows.net/" + TenantId + "/")]
    public async Task Valid_entra_token_of_the_bot_tenant_with_the_serviceurl_claim_runs_the_turn(string issuer)
    {
        var token = Server.Mint(EntraToken(issuer) with { ServiceUrl = ServiceUrl });

        AssertAccepted(await App.PostAsync(token));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/" + TenantId + "/v2.0")]
    [InlineData("https://sts.windows.net/" + TenantId + "/")]
    public async Task Entra_token_of_the_bot_tenant_without_the_serviceurl_claim_is_refused(string issuer) =>
        await AssertRefusedAsync(Server.Mint(EntraToken(issuer)), "no serviceurl");

    [Fact]
    public async Task Entra_token_with_another_serviceurl_is_refused() =>
        await AssertRefusedAsync(Server.Mint(EntraToken($"https://login.microsoftonline.com/{TenantId}/v2.0") with { ServiceUrl = "https://attacker.example/" }), "does not match");

    [Fact]
    public async Task Multi_tenant_bot_refuses_an_entra_token_of_any_tenant_without_the_serviceurl_claim()
    {
        // Any tenant in the world can get a token for a multi-tenant app id; only the claim ties it to Teams.
        await using var app = For(Server, appType: "MultiTenant", tenantId: null);
        var issuer = "https://login.microsoftonline.com/5d4c3b2a-1908-4776-8655-44332211aabb/v2.0";

        AssertRefused(await app.PostAsync(Server.Mint(EntraToken(issuer))));
        AssertAccepted(await app.PostAsync(Server.Mint(EntraToken(issuer) with { ServiceUrl = ServiceUrl })));
    }

    [Fact]
    public async Task Token_expired_within_the_clock_skew_is_accepted()
    {
        var token = Server.Mint(BotFrameworkToken() with { NotBefore = Now.AddHours(-1), Expires = DateTimeOffset.UtcNow.AddMinutes(-4) });

        AssertAccepted(await App.PostAsync(token));
    }

    [Fact]
    public async Task Forged_signature_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { ForgeSignature = true }), "Signature");

    [Fact]
    public async Task Wrong_issuer_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { Issuer = "https://api.botframework.com.evil.example" }), "issuer is not accepted");

    [Fact]
    public async Task Wrong_audience_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { Audience = "9d0e2c1b-0000-4000-8000-000000000001" }), "InvalidAudience");

    [Fact]
    public async Task Token_expired_beyond_the_clock_skew_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { NotBefore = Now.AddHours(-1), Expires = DateTimeOffset.UtcNow.AddMinutes(-6) }), "Expired");

    [Fact]
    public async Task Token_not_yet_valid_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(6), Expires = Now.AddHours(2) }), "NotYetValid");

    [Fact]
    public async Task Serviceurl_claim_mismatch_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { ServiceUrl = "https://attacker.example/emea/" }), "does not match");

    [Fact]
    public async Task Missing_serviceurl_claim_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { ServiceUrl = null }), "no serviceurl");

    [Fact]
    public async Task Key_not_endorsed_for_the_channel_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { KeyId = fixture.WebChatKeyId }), "not endorsed");

    [Fact]
    public async Task Key_endorsed_for_another_channel_is_refused_for_that_channel()
    {
        var token = Server.Mint(BotFrameworkToken());
        AssertRefused(await App.PostAsync(token, channelId: "webchat"));
        Assert.Contains("not endorsed", (await App.AuthenticateAsync("Bearer " + token, "webchat")).FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { Algorithm = "none" }), "algorithm");

    [Fact]
    public async Task Hmac_signed_token_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { Algorithm = SecurityAlgorithms.HmacSha256 }), "algorithm");

    [Fact]
    public async Task Malformed_token_is_refused() =>
        await AssertRefusedAsync("not.a.jwt", "well-formed");

    [Fact]
    public async Task Missing_authorization_header_is_refused()
    {
        AssertRefused(await App.PostAsync(token: null));
        Assert.Contains("not a Bearer token", (await App.AuthenticateAsync(null)).FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_bearer_scheme_is_refused()
    {
        var token = Server.Mint(BotFrameworkToken());
        AssertRefused(await App.PostAsync(token, scheme: "Basic"));
        Assert.Contains("not a Bearer token", (await App.AuthenticateAsync("Basic " + token)).FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_token_of_another_tenant_is_refused() =>
        await AssertRefusedAsync(Server.Mint(EntraToken("https://login.microsoftonline.com/3c2b1a09-8765-4321-8fed-cba987654321/v2.0")), "not the bot's tenant");

    [Fact]
    public async Task Entra_issuer_with_a_bot_framework_key_is_refused() =>
        await AssertRefusedAsync(Server.Mint(EntraToken($"https://login.microsoftonline.com/{TenantId}/v2.0") with { Realm = TokenRealm.BotFramework }), "Signature");

    [Fact]
    public async Task Bot_framework_issuer_with_an_entra_key_is_refused() =>
        await AssertRefusedAsync(Server.Mint(BotFrameworkToken() with { Realm = TokenRealm.Entra }), "Signature");

    /// <summary>401 over HTTP with no turn, and refused by the authenticator for the expected reason.</summary>
    private async Task AssertRefusedAsync(string token, string reason)
    {
        AssertRefused(await App.PostAsync(token));
        var result = await App.AuthenticateAsync("Bearer " + token);
        Assert.Equal(401, result.StatusCode);
        Assert.Contains(reason, result.FailureReason, StringComparison.Ordinal);
    }

    private static void AssertRefused(Posted posted)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, posted.Status);
        Assert.False(posted.TurnRan);
    }

    private static void AssertAccepted(Posted posted)
    {
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.True(posted.TurnRan);
    }
}
