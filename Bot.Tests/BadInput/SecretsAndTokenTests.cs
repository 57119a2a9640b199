using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.BadInput;

/// <summary>
/// Authentication on, secrets configured, every log level captured: tokens with every defect are
/// a 401 that never runs a turn, a valid one runs the whole flow, and no secret (app password,
/// Jira API token, its Basic header, an inbound bearer token) appears in a log line or a response.
/// </summary>
public sealed class SecretsAndTokenTests : IAsyncLifetime
{
    private const string AppId = "0b7f2a4c-3d6e-4f81-9a2b-5c6d7e8f9012";
    private const string TenantId = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e";
    private const string AppPassword = "APP-SECRET-Qx7~4n9b2Lw0zT";

    private readonly List<string> _responses = [];
    private readonly List<string> _inboundTokens = [];
    private LocalOpenIdServer _openId = null!;
    private BadInputHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _openId = await LocalOpenIdServer.StartAsync(Token);
        _host = await BadInputHost.StartAsync(app =>
        {
            app.EnvironmentName = "Production";
            app.Settings["MicrosoftAppId"] = AppId;
            app.Settings["MicrosoftAppPassword"] = AppPassword;
            app.Settings["MicrosoftAppTenantId"] = TenantId;
            app.Settings["MicrosoftAppType"] = "SingleTenant";
            app.Settings["BotFrameworkOpenIdMetadataUrl"] = _openId.BotFrameworkMetadataUrl;
            app.Settings["EntraOpenIdMetadataUrlTemplate"] = _openId.EntraMetadataUrlTemplate;
            app.Settings["Logging:LogLevel:Default"] = "Trace";
            app.Settings["Logging:LogLevel:Microsoft"] = "Trace";
            app.Settings["Logging:LogLevel:System"] = "Trace";
            app.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
            app.Settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace";
            // Outbound tokens come from Entra in production; there is none here, so the connector gets a stand-in.
            app.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IBotTokenProvider>(new StaticTokenProvider())));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _openId.DisposeAsync();
    }

    public static TheoryData<string> Defects => new()
    {
        "no header", "empty bearer", "not a jwt", "basic scheme", "two parts", "expired", "not yet valid", "wrong issuer", "wrong audience",
        "alg none", "hs256", "forged signature", "unknown kid", "published kid, corrupted signature", "not endorsed for msteams", "no serviceurl claim", "other serviceurl", "huge",
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task Defective_token_is_a_401_and_runs_no_turn(string defect)
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var authorization = Authorization(defect);

        var answer = await _host.PostAsync(_host.Message("Teams is not working", conversation), authorization: authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.DoesNotContain(_host.Connector.Requests, r => r.Activity?.Conversation?.Id == conversation);
        AssertNoSecretIn(answer.Body);
    }

    [Fact]
    public async Task A_whole_flow_and_its_failures_leave_no_secret_in_logs_or_answers()
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var valid = "Bearer " + Mint(Spec());
        await Post(_host.Message("Teams is not working", conversation), valid);
        await Post(_host.Message("still not working", conversation), valid);
        var card = _host.Connector.Requests.Last(r => r.Activity?.Conversation?.Id == conversation && r.Body.Contains("createTicket", StringComparison.Ordinal));
        var draftId = System.Text.RegularExpressions.Regex.Match(card.Body, "\"draftId\":\"([^\"]+)\"").Groups[1].Value;

        _host.Jira.FailNext(1);
        await Post(Invoke(conversation, draftId, card.ResponseId!), valid);
        await Post(Invoke(conversation, draftId, card.ResponseId!), valid);
        foreach (var defect in new[] { "expired", "forged signature", "wrong audience", "basic scheme" })
        {
            await Post(_host.Message("Teams is not working", conversation), Authorization(defect));
        }

        await Post("{\"type\":", valid);

        // The failed first attempt queued the ticket; the outbox worker creates it moments later.
        for (var i = 0; i < 100 && !_host.Connector.Activities.Any(a => a.Text?.Contains("ITSUPPORT-", StringComparison.Ordinal) == true); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Contains(_host.Connector.Activities, a => a.Text?.Contains("ITSUPPORT-", StringComparison.Ordinal) == true);
        var basic = BadInputHost.Basic(BadInputHost.JiraUser, BadInputHost.JiraToken).Parameter!;
        Assert.Contains(_host.Jira.ToolCalls, c => c.Authorization == "Basic " + basic);
        var logs = _host.App.Logs.Entries;
        Assert.True(logs.Count > 50, $"only {logs.Count} log events were captured");
        foreach (var entry in logs)
        {
            var text = new StringBuilder(entry.Message).Append(' ').Append(entry.Exception?.ToString());
            foreach (var (key, value) in entry.Fields)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }

            AssertNoSecretIn(text.ToString());
        }

        foreach (var body in _responses.Concat(_host.Connector.Requests.Select(r => r.Body)))
        {
            AssertNoSecretIn(body);
        }
    }

    private async Task Post(string body, string? authorization)
    {
        var answer = await _host.PostAsync(body, authorization: authorization);
        Assert.True(answer.Code < 500, $"{answer.Code}: {answer.Body}");
        _responses.Add(answer.Body);
    }

    private string Invoke(string conversation, string draftId, string cardId) =>
        _host.Message("x", conversation).Replace("\"type\":\"message\"", "\"type\":\"invoke\",\"name\":\"adaptiveCard/action\",\"replyToId\":\"" + cardId
            + "\",\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"createTicket\",\"data\":{\"draftId\":\"" + draftId + "\"}}}", StringComparison.Ordinal);

    private void AssertNoSecretIn(string text)
    {
        var basic = BadInputHost.Basic(BadInputHost.JiraUser, BadInputHost.JiraToken).Parameter!;
        Assert.DoesNotContain(AppPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(BadInputHost.JiraToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        foreach (var token in _inboundTokens)
        {
            // The signature is the part that makes a token usable; a header or claim alone is not a secret.
            var signature = token.Split('.').Last();
            if (signature.Length > 16)
            {
                Assert.DoesNotContain(signature, text, StringComparison.Ordinal);
            }
        }
    }

    private TokenSpec Spec() => new() { Issuer = LocalOpenIdServer.BotFrameworkIssuer, Audience = AppId, ServiceUrl = _host.Connector.ServiceUrl };

    private string Mint(TokenSpec spec)
    {
        var token = _openId.Mint(spec);
        _inboundTokens.Add(token);
        return token;
    }

    private string? Authorization(string defect) => defect switch
    {
        "no header" => null,
        "empty bearer" => "Bearer ",
        "not a jwt" => "Bearer not-a-jwt",
        "basic scheme" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AppId}:{AppPassword}")),
        "two parts" => "Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0",
        "expired" => "Bearer " + Mint(Spec() with { NotBefore = DateTimeOffset.UtcNow.AddHours(-3), Expires = DateTimeOffset.UtcNow.AddHours(-1) }),
        "not yet valid" => "Bearer " + Mint(Spec() with { NotBefore = DateTimeOffset.UtcNow.AddHours(1), Expires = DateTimeOffset.UtcNow.AddHours(2) }),
        "wrong issuer" => "Bearer " + Mint(Spec() with { Issuer = "https://evil.example" }),
        "wrong audience" => "Bearer " + Mint(Spec() with { Audience = "11111111-2222-3333-4444-555555555555" }),
        "alg none" => "Bearer " + Mint(Spec() with { Algorithm = "none" }),
        "hs256" => "Bearer " + Mint(Spec() with { Algorithm = SecurityAlgorithms.HmacSha256 }),
        "forged signature" => "Bearer " + Mint(Spec() with { ForgeSignature = true }),
        "unknown kid" => "Bearer " + Mint(Spec() with { UnpublishedKeyId = true }),
        "published kid, corrupted signature" => "Bearer " + Mint(Spec() with { KeyId = _openId.AddBotFrameworkKey("msteams") })[..^4] + "AAAA",
        "not endorsed for msteams" => "Bearer " + Mint(Spec() with { KeyId = _openId.AddBotFrameworkKey("skype") }),
        "no serviceurl claim" => "Bearer " + Mint(Spec() with { ServiceUrl = null }),
        "other serviceurl" => "Bearer " + Mint(Spec() with { ServiceUrl = "https://smba.trafficmanager.net/emea/" }),
        "huge" => "Bearer " + new string('A', 16_000),
        _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
    };

    private sealed class StaticTokenProvider : IBotTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>("outbound-stand-in");
    }
}
