namespace TeamsItBot.Tests.Deployment;

/// <summary>
/// Properties of the Dockerfile and the Bicep templates that CI's bicep build/lint cannot see
/// (those compile and lint the templates; these pin the design decisions).
/// </summary>
public sealed class InfrastructureTests
{
    [Fact]
    public void Dockerfile_is_multi_stage_non_root_with_a_healthz_healthcheck()
    {
        var lines = RepositoryFiles.Read("deploy", "Dockerfile").Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        var runtime = lines.FindIndex(l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.True(runtime > 0);
        var runtimeStage = lines.Skip(runtime).ToList();
        Assert.Contains("USER app", runtimeStage);
        Assert.Contains(runtimeStage, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains(runtimeStage, l => l.Contains("GET /healthz", StringComparison.Ordinal));
        Assert.Contains(runtimeStage, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
    }

    [Fact]
    public void Azure_bot_is_single_tenant_with_the_Teams_channel()
    {
        var bot = RepositoryFiles.Read("deploy", "modules", "bot.bicep");
        Assert.Contains("msaAppType: 'SingleTenant'", bot, StringComparison.Ordinal);
        Assert.Contains("channelName: 'MsTeamsChannel'", bot, StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_has_at_least_two_replicas_a_scale_rule_and_probes_while_mcp_is_internal()
    {
        var main = RepositoryFiles.Read("deploy", "main.bicep");
        Assert.Contains("@minValue(2)\nparam minReplicas int = 2", main, StringComparison.Ordinal);
        var apps = RepositoryFiles.Read("deploy", "modules", "containerapps.bicep");
        Assert.Contains("http: {", apps, StringComparison.Ordinal);
        Assert.Contains("concurrentRequests:", apps, StringComparison.Ordinal);
        Assert.Contains("path: '/readyz'", apps, StringComparison.Ordinal);
        Assert.Contains("external: false\n        targetPort: 9000", apps, StringComparison.Ordinal);
        Assert.Contains("secretRef: 'microsoft-app-password'", apps, StringComparison.Ordinal);
        Assert.Contains("Microsoft.DBforPostgreSQL/flexibleServers", RepositoryFiles.Read("deploy", "modules", "postgres.bicep"), StringComparison.Ordinal);
    }
}
