using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TeamsItBot.Operations;

namespace TeamsItBot.Tests.Operations;

public sealed class HealthEndpointTests
{
    private static readonly string[] Ready = [OperationsServiceCollectionExtensions.ReadyTag];

    [Fact]
    public async Task Healthz_answers_200_even_when_a_dependency_is_down()
    {
        await using var app = OperationsTestHost.Create(services: s => s.AddHealthChecks()
            .AddCheck("broken-dependency", () => HealthCheckResult.Unhealthy("down"), Ready));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Readyz_is_503_with_details_when_a_ready_check_fails()
    {
        await using var app = OperationsTestHost.Create(services: s => s.AddHealthChecks()
            .AddCheck("storage", () => HealthCheckResult.Unhealthy("database refused the connection"), Ready)
            .AddCheck("other", () => HealthCheckResult.Healthy("fine"), Ready));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var storage = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "storage");
        Assert.Equal("Unhealthy", storage.GetProperty("status").GetString());
        Assert.Equal("database refused the connection", storage.GetProperty("description").GetString());
        Assert.True(storage.TryGetProperty("durationMs", out _));
        var other = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "other");
        Assert.Equal("Healthy", other.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_is_200_when_every_ready_check_passes()
    {
        await using var app = OperationsTestHost.Create(services: s => s.AddHealthChecks()
            .AddCheck("storage", () => HealthCheckResult.Healthy("reachable"), Ready));
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var names = json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("storage", names);
        Assert.Contains("auth-metadata", names);
    }

    [Fact]
    public async Task Readyz_probes_the_ticket_backend_derived_from_MCP_ATLASSIAN_URL()
    {
        var closedPort = ClosedLoopbackPort();
        await using var app = OperationsTestHost.Create(new Dictionary<string, string?>
        {
            ["MCP_ATLASSIAN_URL"] = $"http://127.0.0.1:{closedPort}/mcp",
            ["JIRA_URL"] = "https://acme.atlassian.net",
        });
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var ticket = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "ticket-backend");
        Assert.Equal("Unhealthy", ticket.GetProperty("status").GetString());
        Assert.Contains($"http://127.0.0.1:{closedPort}/healthz", ticket.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_has_no_ticket_backend_probe_for_the_embedded_tracker()
    {
        await using var app = OperationsTestHost.Create();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(json.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "ticket-backend");
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
