using System.Net;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Insights.Access;
using TeamsItBot.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Insights;

/// <summary>Who gets into /admin: 401 for anonymous and bad tokens, 403 for a signed-in non-admin, the dashboard for admins.</summary>
public sealed class AdminAccessTests
{
    private const string DevToken = "dev-token-for-tests-0123456789";
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string AdminGroup = "aaaaaaaa-0000-0000-0000-000000000001";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> ProtectedPaths => ["admin", "admin/events.csv", "admin/api/summary", "admin?days=7&phrase=vpn"];

    [Theory]
    [MemberData(nameof(ProtectedPaths))]
    public async Task Anonymous_and_wrong_tokens_get_401_in_development(string path)
    {
        await using var app = DevelopmentApp();
        using var client = NoRedirects(app);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path, Token)).StatusCode);
        foreach (var wrong in new[] { "nope", DevToken + "x", DevToken[..^1], " ", "<script>" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation(AdminTokenHandler.HeaderName, wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request, Token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path + (path.Contains('?') ? "&" : "?") + "token=wrong", Token)).StatusCode);
    }

    [Fact]
    public async Task Token_in_the_link_sets_a_cookie_that_opens_the_dashboard_and_the_header_works_too()
    {
        await using var app = DevelopmentApp();
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };

        var first = await client.GetAsync($"admin?token={DevToken}", Token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("TeamsItBot: what the bot solves", await first.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("admin/events.csv", Token)).StatusCode);

        using var bare = NoRedirects(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/api/summary");
        request.Headers.Add(AdminTokenHandler.HeaderName, DevToken);
        Assert.Equal(HttpStatusCode.OK, (await bare.SendAsync(request, Token)).StatusCode);
    }

    [Fact]
    public async Task Development_link_with_the_token_is_printed_at_start_up()
    {
        await using var app = DevelopmentApp();
        using var client = NoRedirects(app);
        await client.GetAsync("admin", Token);

        Assert.Contains(app.Logs.Entries, e => e.Message.Contains($"/admin?token={DevToken}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_development_the_token_does_not_work_and_anonymous_gets_401_with_a_sign_in_link()
    {
        await using var app = ProductionApp(openId: null);
        using var client = NoRedirects(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"admin?token={DevToken}");
        request.Headers.Add(AdminTokenHandler.HeaderName, DevToken);

        var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("/admin/signin", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("admin/events.csv", Token)).StatusCode);
    }

    [Theory]
    [InlineData(AdminGroup, HttpStatusCode.OK)]
    [InlineData("bbbbbbbb-0000-0000-0000-000000000002", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    public async Task Entra_sign_in_lets_members_of_the_admin_group_in_and_gives_others_403(string? group, HttpStatusCode expected)
    {
        await using var openId = await LocalOpenIdServer.StartAsync(Token);
        await using var app = ProductionApp(openId);
        using var client = NoRedirects(app);

        // The challenge: a redirect to Entra's authorize endpoint with state and nonce, and the correlation cookies.
        var challenge = await client.GetAsync("admin/signin", Token);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith($"{openId.BaseUrl}/{Tenant}/oauth2/v2.0/authorize", authorize.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(authorize.Query);
        var cookies = string.Join("; ", challenge.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        // What Entra would post back after the user signed in.
        var claims = new Dictionary<string, object> { ["nonce"] = query["nonce"]!, ["sub"] = "user-1", ["name"] = "Alex Admin" };
        if (group is not null)
        {
            claims["groups"] = new[] { group };
        }

        var idToken = openId.Mint(new TokenSpec
        {
            Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0",
            Audience = "admin-dashboard-app",
            Realm = TokenRealm.Entra,
            Claims = claims,
        });
        using var callback = new HttpRequestMessage(HttpMethod.Post, "admin/signin-oidc")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = idToken, ["state"] = query["state"]! }),
        };
        callback.Headers.Add("Cookie", cookies);
        var signedIn = await client.SendAsync(callback, Token);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("teamsitbot_admin_session", StringComparison.Ordinal));

        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "admin");
        dashboard.Headers.Add("Cookie", session);
        Assert.Equal(expected, (await client.SendAsync(dashboard, Token)).StatusCode);
    }

    [Fact]
    public async Task Forged_id_token_is_refused_and_does_not_sign_in()
    {
        await using var openId = await LocalOpenIdServer.StartAsync(Token);
        await using var app = ProductionApp(openId);
        using var client = NoRedirects(app);
        var challenge = await client.GetAsync("admin/signin", Token);
        var query = HttpUtility.ParseQueryString(challenge.Headers.Location!.Query);
        var cookies = string.Join("; ", challenge.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var forged = openId.Mint(new TokenSpec
        {
            Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0",
            Audience = "admin-dashboard-app",
            Realm = TokenRealm.Entra,
            ForgeSignature = true,
            Claims = new Dictionary<string, object> { ["nonce"] = query["nonce"]!, ["sub"] = "mallory", ["groups"] = new[] { AdminGroup } },
        });
        using var callback = new HttpRequestMessage(HttpMethod.Post, "admin/signin-oidc")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = forged, ["state"] = query["state"]! }),
        };
        callback.Headers.Add("Cookie", cookies);

        var response = await client.SendAsync(callback, Token);

        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("teamsitbot_admin_session=", StringComparison.Ordinal) && !c.StartsWith("teamsitbot_admin_session=;", StringComparison.Ordinal)));
    }

    internal static BotApplicationFactory DevelopmentApp()
    {
        var app = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        app.Settings["Admin:Token"] = DevToken;
        return app;
    }

    internal static HttpClient NoRedirects(BotApplicationFactory app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.ServerAddress };

    internal static HttpRequestMessage AsAdmin(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(AdminTokenHandler.HeaderName, DevToken);
        return request;
    }

    private static BotApplicationFactory ProductionApp(LocalOpenIdServer? openId)
    {
        var app = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp)) { EnvironmentName = "Production" };
        app.Settings["AllowUnauthenticatedRequests"] = "true";
        app.Settings["Admin:Token"] = DevToken;
        // Production needs a ticket backend; nothing here files a ticket.
        app.Settings["MCP_ATLASSIAN_URL"] = "http://127.0.0.1:9/mcp";
        app.Settings["JIRA_URL"] = "https://jira.example.com";
        if (openId is not null)
        {
            app.Settings["Admin:ClientId"] = "admin-dashboard-app";
            app.Settings["Admin:TenantId"] = Tenant;
            app.Settings["Admin:Authority"] = $"{openId.BaseUrl}/{Tenant}/v2.0";
            app.Settings["Admin:ResponseType"] = "id_token";
            app.Settings["Admin:AllowedGroups:0"] = AdminGroup;
        }

        return app;
    }
}
