using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Tests.Support.KnowledgeBase;

public sealed class KnowledgeBaseLoaderTests : IDisposable
{
    private const string General = """ "general": { "title": "General", "steps": ["Restart"] } """;
    private readonly string _directory = Directory.CreateTempSubdirectory("kb-tests").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Shipped_file_loads_with_at_least_12_topics_of_3_steps()
    {
        var knowledgeBase = KnowledgeBaseLoader.Load(KnowledgeBaseOptions.DefaultPath);

        Assert.True(knowledgeBase.Topics.Count >= 12, $"{knowledgeBase.Topics.Count} topics");
        Assert.All(knowledgeBase.Topics, topic =>
        {
            Assert.True(topic.Steps.Count >= 3, $"{topic.Id} has {topic.Steps.Count} steps");
            Assert.False(string.IsNullOrWhiteSpace(topic.Title));
            Assert.NotEmpty(topic.Keywords);
        });
        Assert.Equal("general", knowledgeBase.General.Id);
        Assert.True(knowledgeBase.General.Steps.Count >= 3);
        Assert.Same(knowledgeBase.Topics[0], knowledgeBase.FindTopic(knowledgeBase.Topics[0].Id.ToUpperInvariant()));
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var path = Path.Combine(_directory, "nope.json");

        var error = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBaseLoader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_the_line()
    {
        var path = Write("{\n  \"topics\": [\n    { \"id\": \"a\", }}\n");

        var error = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBaseLoader.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON at line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_are_reported_with_both_positions()
    {
        var path = Write($$"""
            { {{General}}, "topics": [
              { "id": "vpn", "title": "VPN", "keywords": ["vpn"], "steps": ["a"] },
              { "id": "VPN", "title": "VPN again", "keywords": ["globalprotect"], "steps": ["a"] } ] }
            """);

        var error = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBaseLoader.Load(path));

        Assert.Contains("duplicate topic id 'VPN' (topic #1 and topic #2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_schema_problem_is_reported_at_once()
    {
        var error = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBaseLoader.Parse("""
            { "topics": [
              { "title": "No id", "keywords": ["x"], "steps": ["a"] },
              { "id": "nosteps", "title": "No steps", "keywords": ["printer"], "steps": [] },
              { "id": "generic", "title": "Generic", "keywords": ["not working"], "steps": ["a"] },
              { "id": "notitle", "keywords": ["vpn"], "steps": ["a"] } ] }
            """, "kb.json"));

        Assert.StartsWith("Knowledge base file 'kb.json' is invalid: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"general\" (the fallback first steps) is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("topic #1 has no \"id\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("topic #2 ('nosteps') has no \"steps\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("topic #3 ('generic') term 'not working' has only common words", error.Message, StringComparison.Ordinal);
        Assert.Contains("topic #4 ('notitle') has no \"title\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        var knowledgeBase = KnowledgeBaseLoader.Parse($$"""
            // edited by IT
            { {{General}}, "topics": [ { "id": "vpn", "title": "VPN", "keywords": ["vpn",], "steps": ["a", "b",], }, ], }
            """, "kb.json");

        Assert.Equal("vpn", new TopicMatcher(knowledgeBase).Match("VPN down")?.Topic.Id);
    }

    [Fact]
    public void Start_up_fails_with_a_clear_message_for_a_bad_path()
    {
        var path = Path.Combine(_directory, "missing.json");
        using var provider = BuildServices(path);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"Knowledge base file '{path}' was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_serves_the_configured_file()
    {
        var path = Write($$"""{ {{General}}, "topics": [ { "id": "printer", "title": "Printer", "keywords": ["printer"], "steps": ["a"] } ] }""");
        using var provider = BuildServices(path);

        provider.GetRequiredService<IStartupValidator>().Validate();
        var matcher = provider.GetRequiredService<TopicMatcher>();

        Assert.Equal(path, provider.GetRequiredService<TeamsItBot.Support.KnowledgeBase.KnowledgeBase>().Source);
        Assert.Equal("printer", matcher.Match("the printer is jammed")?.Topic.Id);
    }

    private static ServiceProvider BuildServices(string path)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["KnowledgeBase:Path"] = path })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddKnowledgeBase(configuration);
        return services.BuildServiceProvider();
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
