using YamlDotNet.RepresentationModel;

namespace TeamsItBot.Tests.Deployment;

public sealed class DockerComposeTests
{
    private static readonly YamlMappingNode Compose = Load();

    private static YamlMappingNode Services => Map(Compose, "services");

    private static YamlMappingNode Mcp => Map(Services, "mcp-atlassian");

    private static YamlMappingNode Bot => Map(Services, "bot");

    [Fact]
    public void Mcp_atlassian_is_pinned_to_a_version_tag()
    {
        var image = Scalar(Mcp, "image");
        Assert.StartsWith("ghcr.io/sooperset/mcp-atlassian:", image, StringComparison.Ordinal);
        Assert.Matches(@":\d+\.\d+\.\d+$", image);
    }

    [Fact]
    public void Mcp_atlassian_runs_streamable_http_on_port_9000()
    {
        var command = Sequence(Mcp, "command");
        Assert.Equal(["--transport", "streamable-http", "--port", "9000"], command);
        Assert.Equal("http://mcp-atlassian:9000/mcp", EnvDefault(Scalar(Map(Bot, "environment"), "MCP_ATLASSIAN_URL")));
    }

    [Fact]
    public void Mcp_atlassian_is_not_published_and_sits_on_an_internal_network_shared_with_the_bot()
    {
        Assert.False(Mcp.Children.ContainsKey(new YamlScalarNode("ports")));
        var shared = Sequence(Mcp, "networks").Intersect(Sequence(Bot, "networks")).ToList();
        var networks = Map(Compose, "networks");
        Assert.Contains(shared, name => Map(networks, name).Children.TryGetValue(new YamlScalarNode("internal"), out var value)
            && ((YamlScalarNode)value).Value == "true");
    }

    [Fact]
    public void Evidence_lives_on_a_volume_the_bot_writes_and_mcp_atlassian_reads_under_its_working_directory()
    {
        var environment = Map(Bot, "environment");
        var botDirectory = Scalar(environment, "Tickets__Evidence__Directory");
        var serverDirectory = Scalar(environment, "Tickets__Evidence__ServerDirectory");
        Assert.StartsWith("/app/", serverDirectory, StringComparison.Ordinal);
        var botMount = Assert.Single(Sequence(Bot, "volumes"), v => v.EndsWith(":" + botDirectory, StringComparison.Ordinal));
        var volume = botMount.Split(':')[0];
        Assert.Contains($"{volume}:{serverDirectory}:ro", Sequence(Mcp, "volumes"));
        Assert.True(Map(Compose, "volumes").Children.ContainsKey(new YamlScalarNode(volume)));
    }

    [Fact]
    public void The_bot_port_is_bound_to_loopback_by_default()
    {
        var port = Assert.Single(Sequence(Bot, "ports"));
        Assert.StartsWith("${BOT_BIND_ADDRESS:-127.0.0.1}:", port, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_checks_use_healthz_and_services_restart()
    {
        Assert.Contains("http://127.0.0.1:9000/healthz", Sequence(Map(Mcp, "healthcheck"), "test"));
        Assert.Contains("/healthz", string.Join(' ', Sequence(Map(Bot, "healthcheck"), "test")), StringComparison.Ordinal);
        Assert.DoesNotContain(Sequence(Map(Mcp, "healthcheck"), "test"), part => part.EndsWith("/health", StringComparison.Ordinal));
        foreach (var (name, service) in Services.Children)
        {
            Assert.True(((YamlMappingNode)service).Children.ContainsKey(new YamlScalarNode("restart")), $"{name} has no restart policy");
            Assert.True(((YamlMappingNode)service).Children.ContainsKey(new YamlScalarNode("healthcheck")), $"{name} has no healthcheck");
        }

        Assert.Equal("service_healthy", Scalar(Map(Map(Bot, "depends_on"), "mcp-atlassian"), "condition"));
    }

    [Fact]
    public void Credential_mode_is_server_side_fallback()
    {
        Assert.Equal("true", Scalar(Map(Mcp, "environment"), "ALLOW_GLOBAL_CRED_FALLBACK"));
        // The token stays with mcp-atlassian; the bot never gets it in this mode.
        Assert.False(Map(Bot, "environment").Children.ContainsKey(new YamlScalarNode("JIRA_API_TOKEN")));
    }

    [Fact]
    public void Postgres_is_optional_behind_a_profile()
    {
        var postgres = Map(Services, "postgres");
        Assert.Equal(["postgres"], Sequence(postgres, "profiles"));
        Assert.DoesNotContain("latest", Scalar(postgres, "image"), StringComparison.Ordinal);
    }

    [Fact]
    public void Env_example_has_the_original_names_and_env_is_ignored()
    {
        var example = RepositoryFiles.Read(".env.example").Split('\n')
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
        foreach (var name in new[] { "JIRA_URL", "JIRA_USERNAME", "JIRA_API_TOKEN", "JIRA_PROJECT_KEY", "MCP_ATLASSIAN_URL",
                     "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType", "BOT_PUBLIC_HOST" })
        {
            Assert.True(example.ContainsKey(name), $".env.example lacks {name}");
        }

        Assert.Equal("http://mcp-atlassian:9000/mcp", example["MCP_ATLASSIAN_URL"]);
        Assert.Equal(string.Empty, example["JIRA_API_TOKEN"]);
        Assert.Equal(string.Empty, example["MicrosoftAppPassword"]);
        Assert.Contains(".env", RepositoryFiles.Read(".gitignore").Split('\n').Select(l => l.Trim()));
        Assert.Contains(".env", RepositoryFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void Every_variable_the_compose_file_reads_is_in_env_example()
    {
        var text = RepositoryFiles.Read("docker-compose.yml");
        var used = System.Text.RegularExpressions.Regex.Matches(text, @"\$\{([A-Za-z_][A-Za-z0-9_]*)").Select(m => m.Groups[1].Value).ToHashSet();
        var example = RepositoryFiles.Read(".env.example");
        Assert.All(used, name => Assert.Contains("\n" + name + "=", "\n" + example, StringComparison.Ordinal));
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StringReader(RepositoryFiles.Read("docker-compose.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Select(c => ((YamlScalarNode)c).Value!)];

    /// <summary>"${NAME:-default}" -> "default".</summary>
    private static string EnvDefault(string value) =>
        value.StartsWith("${", StringComparison.Ordinal) && value.Contains(":-", StringComparison.Ordinal)
            ? value[(value.IndexOf(":-", StringComparison.Ordinal) + 2)..^1]
            : value;
}
