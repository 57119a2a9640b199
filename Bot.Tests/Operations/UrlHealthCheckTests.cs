using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeamsItBot.Operations;

namespace TeamsItBot.Tests.Operations;

public sealed class UrlHealthCheckTests
{
    [Fact]
    public async Task Reports_a_real_server_answer_over_http()
    {
        await using var server = await StartServerAsync();
        var factory = new RealHttpClientFactory();

        var up = await Check(factory, new Uri(server.Url, "/healthz"));
        var down = await Check(factory, new Uri(server.Url, "/broken"));

        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("500", down.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_shows_credentials_from_the_url()
    {
        await using var server = await StartServerAsync();
        var withSecret = new UriBuilder(new Uri(server.Url, "/broken")) { UserName = "bot", Password = "s3cret-token" }.Uri;

        var result = await Check(new RealHttpClientFactory(), withSecret);

        Assert.DoesNotContain("s3cret-token", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://mcp-atlassian:9000/mcp", null, "http://mcp-atlassian:9000/healthz")]
    [InlineData("https://jira-mcp.internal.example/mcp/", null, "https://jira-mcp.internal.example/healthz")]
    [InlineData("http://mcp-atlassian:9000/mcp", "http://other:1/health", "http://other:1/health")]
    [InlineData(null, null, null)]
    public void Ticket_backend_probe_url_follows_the_settings(string? mcpUrl, string? explicitUrl, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MCP_ATLASSIAN_URL"] = mcpUrl,
            ["Health:TicketBackendUrl"] = explicitUrl,
        }).Build();

        Assert.Equal(expected, OperationsServiceCollectionExtensions.TicketBackendHealthUrl(configuration)?.ToString());
    }

    private static Task<HealthCheckResult> Check(IHttpClientFactory factory, Uri url)
    {
        var check = new UrlHealthCheck(factory, Options.Create(new HealthOptions { TimeoutSeconds = 5 }), url);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("t", check, HealthStatus.Unhealthy, null) };
        return check.CheckHealthAsync(context, TestContext.Current.CancellationToken);
    }

    private static async Task<LoopbackServer> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/broken", () => Results.StatusCode(500));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Urls.First();
        return new LoopbackServer(app, new Uri(address));
    }

    private sealed record LoopbackServer(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private sealed class RealHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
