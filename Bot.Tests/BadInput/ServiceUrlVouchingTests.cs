using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.BadInput;

/// <summary>
/// One authenticated app (SingleTenant) whose inbound activities name a serviceUrl of the test's
/// choosing: the fake connector plays the host an attacker wants the bot's outbound token sent to.
/// </summary>
public sealed class VouchingFixture : IAsyncLifetime
{
    public const string AppId = "0b7f2a4c-3d6e-4f81-9a2b-5c6d7e8f9012";
    public const string TenantId = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e";
    public const string OutboundToken = "outbound-connector-token";

    public LocalOpenIdServer OpenId { get; private set; } = null!;

    public BadInputHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        OpenId = await LocalOpenIdServer.StartAsync(TestContext.Current.CancellationToken);
        Host = await BadInputHost.StartAsync(app =>
        {
            app.EnvironmentName = "Production";
            app.Settings["MicrosoftAppId"] = AppId;
            app.Settings["MicrosoftAppPassword"] = "app-password-for-test";
            app.Settings["MicrosoftAppTenantId"] = TenantId;
            app.Settings["MicrosoftAppType"] = "SingleTenant";
            app.Settings["BotFrameworkOpenIdMetadataUrl"] = OpenId.BotFrameworkMetadataUrl;
            app.Settings["EntraOpenIdMetadataUrlTemplate"] = OpenId.EntraMetadataUrlTemplate;
            // The bot's real connector token would come from Entra; a recognisable stand-in shows where it goes.
            app.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new FixedTokenProvider())));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await OpenId.DisposeAsync();
    }

    private sealed class FixedTokenProvider : IBotTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(OutboundToken);
    }
}

/// <summary>
/// Only a token the Bot Connector issued for a serviceUrl may make the bot call that serviceUrl
/// with its connector token: every issuer family must carry a matching <c>serviceurl</c> claim.
/// Any app registration in the tenant can get an Entra ID token for the bot's app id, but not one
/// with that claim. One row per token shape, over HTTP, watching what reaches the named host.
/// </summary>
public sealed class ServiceUrlVouchingTests(VouchingFixture fixture) : IClassFixture<VouchingFixture>
{
    private const string V1Issuer = "https://sts.windows.net/" + VouchingFixture.TenantId + "/";
    private const string V2Issuer = "https://login.microsoftonline.com/" + VouchingFixture.TenantId + "/v2.0";
    private const string OtherTenant = "3c2b1a09-8765-4321-8fed-cba987654321";
    private const string OtherApp = "9a8b7c6d-5e4f-4321-8765-0fedcba98765";

    private BadInputHost Host => fixture.Host;

    public static TheoryData<string> Vouching => new()
    {
        "bot framework, matching claim",
        "entra v1, matching claim",
        "entra v2, matching claim",
        "entra v2, matching claim with trailing slash and case",
    };

    public static TheoryData<string> NotVouching => new()
    {
        "bot framework, no claim",
        "bot framework, other serviceurl",
        "entra v1, no claim",
        "entra v2, no claim",
        "entra v1, other serviceurl",
        "entra v2, other serviceurl",
        "entra v2, empty claim",
        "entra v2 of another app (azp), no claim",
        "entra v1 of another app (appid), no claim",
        "entra v2 of the bot itself (azp), no claim",
        "entra v2 of another tenant, matching claim",
        "entra v1 of another tenant, no claim",
    };

    [Theory]
    [MemberData(nameof(Vouching))]
    public async Task Token_that_vouches_for_the_service_url_gets_a_reply_there(string shape)
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");

        var answer = await Host.PostAsync(Host.Message("Teams is not working", conversation), authorization: "Bearer " + Mint(shape));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var calls = Host.Connector.Requests.Where(r => r.Activity?.Conversation?.Id == conversation).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Equal("Bearer " + VouchingFixture.OutboundToken, c.Authorization));
    }

    [Theory]
    [MemberData(nameof(NotVouching))]
    public async Task Token_that_does_not_vouch_for_the_service_url_is_a_401_and_nothing_is_sent_there(string shape)
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");

        var answer = await Host.PostAsync(Host.Message("Teams is not working", conversation), authorization: "Bearer " + Mint(shape));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.DoesNotContain(Host.Connector.Requests, r => r.Activity?.Conversation?.Id == conversation);
        Assert.DoesNotContain(Host.Connector.Requests, r => r.Authorization?.Contains(VouchingFixture.OutboundToken, StringComparison.Ordinal) == true
            && r.Activity?.Conversation?.Id == conversation);
    }

    [Fact]
    public async Task A_refused_token_does_not_make_a_host_trusted_for_later_turns()
    {
        // An attacker first tries an Entra token without the claim, then a Bot Framework token for
        // its own host but an activity naming it: neither may leave the host trusted.
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        await Host.PostAsync(Host.Message("Teams is not working", conversation), authorization: "Bearer " + Mint("entra v2, no claim"));

        var answer = await Host.PostAsync(Host.Message("still not working", conversation), authorization: "Bearer " + Mint("bot framework, other serviceurl"));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.DoesNotContain(Host.Connector.Requests, r => r.Activity?.Conversation?.Id == conversation);
    }

    private string Mint(string shape)
    {
        var own = Host.Connector.ServiceUrl;
        const string elsewhere = "https://smba.trafficmanager.net/emea/";
        return fixture.OpenId.Mint(shape switch
        {
            "bot framework, matching claim" => BotFramework(own),
            "bot framework, no claim" => BotFramework(null),
            "bot framework, other serviceurl" => BotFramework(elsewhere),
            "entra v1, matching claim" => Entra(V1Issuer, own, ("appid", OtherApp)),
            "entra v2, matching claim" => Entra(V2Issuer, own, ("azp", OtherApp)),
            "entra v2, matching claim with trailing slash and case" => Entra(V2Issuer, own.TrimEnd('/').ToUpperInvariant()),
            "entra v1, no claim" => Entra(V1Issuer, null),
            "entra v2, no claim" => Entra(V2Issuer, null),
            "entra v1, other serviceurl" => Entra(V1Issuer, elsewhere),
            "entra v2, other serviceurl" => Entra(V2Issuer, elsewhere),
            "entra v2, empty claim" => Entra(V2Issuer, string.Empty),
            "entra v2 of another app (azp), no claim" => Entra(V2Issuer, null, ("azp", OtherApp), ("ver", "2.0")),
            "entra v1 of another app (appid), no claim" => Entra(V1Issuer, null, ("appid", OtherApp), ("ver", "1.0")),
            "entra v2 of the bot itself (azp), no claim" => Entra(V2Issuer, null, ("azp", VouchingFixture.AppId)),
            "entra v2 of another tenant, matching claim" => Entra($"https://login.microsoftonline.com/{OtherTenant}/v2.0", own, ("tid", OtherTenant)),
            "entra v1 of another tenant, no claim" => Entra($"https://sts.windows.net/{OtherTenant}/", null, ("tid", OtherTenant)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        });
    }

    private static TokenSpec BotFramework(string? serviceUrl) => new()
    {
        Issuer = LocalOpenIdServer.BotFrameworkIssuer,
        Audience = VouchingFixture.AppId,
        ServiceUrl = serviceUrl,
    };

    private static TokenSpec Entra(string issuer, string? serviceUrl, params (string Name, object Value)[] claims) => new()
    {
        Issuer = issuer,
        Audience = VouchingFixture.AppId,
        Realm = TokenRealm.Entra,
        ServiceUrl = serviceUrl,
        Claims = claims.ToDictionary(c => c.Name, c => c.Value),
    };
}
