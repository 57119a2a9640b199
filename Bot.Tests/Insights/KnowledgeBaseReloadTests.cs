using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Insights;

/// <summary>Editing the knowledge base while the bot runs: valid edits are taken, invalid or hostile ones refused while the old version serves.</summary>
public sealed class KnowledgeBaseReloadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("teamsitbot-kb-").FullName;
    private readonly string _path;

    public KnowledgeBaseReloadTests()
    {
        _path = Path.Combine(_directory, "knowledge-base.json");
        File.Copy(KnowledgeBaseLoader.ResolvePath(KnowledgeBaseOptions.DefaultPath), _path);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> HostileFiles => new()
    {
        { "not json", "{ \"topics\": [ <script>alert(1)</script>" },
        { "script in a topic with no steps", """{ "general": { "title": "G", "steps": ["restart"] }, "topics": [ { "id": "<script>alert(1)</script>", "title": "<img src=x onerror=alert(1)>", "keywords": ["stapler"], "steps": [] } ] }""" },
        { "empty", "" },
        { "deeply nested", new string('[', 5000) + new string(']', 5000) },
        { "duplicate ids", """{ "general": { "title": "G", "steps": ["restart"] }, "topics": [ { "id": "a", "title": "A", "keywords": ["stapler"], "steps": ["x"] }, { "id": "a", "title": "A", "keywords": ["stapler"], "steps": ["x"] } ] }""" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Invalid_file_is_refused_with_the_start_up_error_and_the_old_version_keeps_serving(string what, string content)
    {
        await using var app = App();
        using var client = AdminAccessTests.NoRedirects(app);
        var watcher = app.Services.GetRequiredService<KnowledgeBaseWatcher>();
        var before = watcher.Current.Version;

        await File.WriteAllTextAsync(_path, content, Token);
        var startUpError = Assert.IsType<KnowledgeBaseException>(Record.Exception(() => KnowledgeBaseLoader.Load(_path)));
        await WaitAsync(() => watcher.LastError?.Message == startUpError.Message);

        Assert.Equal(before, watcher.Current.Version);
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("refused", StringComparison.Ordinal) && e.Message.Contains(_path, StringComparison.Ordinal));

        var html = await (await client.SendAsync(AdminAccessTests.AsAdmin("admin?phrase=vpn%20keeps%20disconnecting"), Token)).Content.ReadAsStringAsync(Token);
        Assert.Contains("id=\"kb-error\"", html, StringComparison.Ordinal);
        Assert.Contains($"<code id=\"kb-version\">{before}</code>", html, StringComparison.Ordinal);
        Assert.Contains("<b id=\"phrase-topic\">vpn</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        _ = what;
    }

    [Fact]
    public async Task Valid_edit_is_taken_without_a_restart_and_the_phrase_tester_uses_it()
    {
        await using var app = App();
        using var client = AdminAccessTests.NoRedirects(app);
        var watcher = app.Services.GetRequiredService<KnowledgeBaseWatcher>();
        var before = watcher.Current.Version;
        var document = JsonNode.Parse(await File.ReadAllTextAsync(_path, Token), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        document["topics"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "stapler",
            ["title"] = "Office stapler",
            ["keywords"] = new JsonArray("stapler"),
            ["steps"] = new JsonArray("Open the stapler and remove the jammed staple."),
        });

        await File.WriteAllTextAsync(_path, document.ToJsonString(), Token);
        await WaitAsync(() => watcher.Current.Version != before);

        Assert.Null(watcher.LastError);
        var html = await (await client.SendAsync(AdminAccessTests.AsAdmin("admin?phrase=my%20stapler%20is%20jammed"), Token)).Content.ReadAsStringAsync(Token);
        Assert.Contains("<b id=\"phrase-topic\">stapler</b>", html, StringComparison.Ordinal);
        Assert.Contains($"<code id=\"kb-version\">{watcher.Current.Version}</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"kb-error\"", html, StringComparison.Ordinal);

        // The conversation follows the new version too.
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        var response = await app.PostActivityAsync(TestActivities.Message(connector.ServiceUrl, "my stapler is jammed"), Token);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/messages answered {(int)response.StatusCode}");
        await connector.WaitForRequestsAsync(1);
        Assert.Contains("Office stapler", connector.Activities[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversations_match_against_the_reloaded_guides_from_the_next_message_and_keep_them_when_an_edit_is_refused()
    {
        await using var app = App();
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        var live = app.Services.GetRequiredService<TeamsItBot.Support.Understanding.LiveTopicIndex>();

        // A turn first, so the conversation's index is the start-up one when the file changes.
        Assert.DoesNotContain("Office stapler", await TurnAsync(app, connector, "the stapler keeps chewing my pages", "before"), StringComparison.Ordinal);

        var started = live.Current;
        await File.WriteAllTextAsync(_path, WithStapler(await File.ReadAllTextAsync(_path, Token)), Token);
        await WaitAsync(() => live.Current != started);

        Assert.Contains("Office stapler", await TurnAsync(app, connector, "the stapler keeps chewing my pages", "after"), StringComparison.Ordinal);

        var reloaded = live.Current;
        var watcher = app.Services.GetRequiredService<KnowledgeBaseWatcher>();
        await File.WriteAllTextAsync(_path, "{ \"topics\": [", Token);
        await WaitAsync(() => watcher.LastError is not null);

        Assert.Same(reloaded, live.Current);
        Assert.Contains("Office stapler", await TurnAsync(app, connector, "the stapler keeps chewing my pages", "refused"), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The reply's text to one message in a fresh personal conversation.</summary>
    private static async Task<string> TurnAsync(BotApplicationFactory app, FakeConnector connector, string text, string conversation)
    {
        var before = connector.Requests.Count;
        var response = await app.PostActivityAsync(TestActivities.Message(connector.ServiceUrl, text, conversationId: "a:reload-" + conversation), Token);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/messages answered {(int)response.StatusCode}");
        var requests = await connector.WaitForRequestsAsync(before + 1);
        return requests.Skip(before).Select(r => r.Activity?.Text).FirstOrDefault(t => t is not null) ?? string.Empty;
    }

    private static string WithStapler(string json)
    {
        var document = JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        document["topics"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "stapler",
            ["title"] = "Office stapler",
            ["keywords"] = new JsonArray("stapler"),
            ["examples"] = new JsonArray("the stapler keeps chewing my pages"),
            ["steps"] = new JsonArray("Open the stapler and remove the jammed staple."),
        });
        return document.ToJsonString();
    }

    private BotApplicationFactory App()
    {
        var app = AdminAccessTests.DevelopmentApp();
        app.Settings["KnowledgeBase:Path"] = _path;
        return app;
    }

    private static async Task WaitAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            await Task.Delay(50, Token);
        }

        Assert.True(done(), "the watcher did not react to the edit within 10 s");
    }
}
