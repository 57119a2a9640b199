using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Tests.Operations;

public sealed class StartupValidationTests
{
    [Fact]
    public void Every_invalid_setting_is_listed_in_one_error()
    {
        using var app = OperationsTestHost.Create(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["Health:TimeoutSeconds"] = "0",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "not a url",
        }, environment: "Production");

        var error = Assert.Throws<TeamsItBot.Operations.InvalidConfigurationException>(() => app.CreateClient());

        Assert.Contains("MicrosoftAppPassword", error.Message, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppTenantId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Health:TimeoutSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("The configuration is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_configuration_starts_serves_and_binds_the_settings()
    {
        using var app = OperationsTestHost.Create(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "secret",
            ["MicrosoftAppTenantId"] = "66666666-7777-8888-9999-000000000000",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
            ["MCP_ATLASSIAN_URL"] = "http://127.0.0.1:9/mcp",
            ["JIRA_URL"] = "https://jira.example.com",
        }, environment: "Production");

        using var client = app.CreateClient();
        using var liveness = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var bound = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;

        Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
        Assert.Equal(
            ("11111111-2222-3333-4444-555555555555", "secret", "66666666-7777-8888-9999-000000000000"),
            (bound.MicrosoftAppId, bound.MicrosoftAppPassword, bound.MicrosoftAppTenantId));
    }
}
