using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Tests.LocalTracker;

/// <summary>
/// The embedded tracker's jira_update_issue attachments, as mcp-atlassian 0.23.1 does them (paths on its
/// disk confined to its directory, attachment_results with success true), and how its browse page shows
/// and serves them: images inline, text shown as text, everything with a type from the bytes, never HTML.
/// </summary>
public sealed class LocalTrackerAttachmentTests : IAsyncLifetime
{
    internal static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    private readonly string _data = LocalTrackerHost.NewDataDirectory();
    private LocalTrackerHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Evidence => Path.Combine(_data, "evidence");

    public async ValueTask InitializeAsync() => _host = await LocalTrackerHost.StartAsync(_data);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        LocalTrackerHost.DeleteDataDirectory(_data);
    }

    [Fact]
    public async Task Update_issue_attaches_files_inside_its_directory_and_refuses_others_as_path_traversal()
    {
        var key = await CreateAsync();
        Write("a1/shot.png", Png);
        Write("a2/notes.txt", "line one\n<b>not bold</b>"u8.ToArray());
        var outside = Path.Combine(_data, "secret.txt");
        await File.WriteAllTextAsync(outside, "secret", Token);
        await using var client = await _host.ConnectAsync(Token);

        var result = await client.CallToolAsync("jira_update_issue", new Dictionary<string, object?>
        {
            ["issue_key"] = key,
            ["fields"] = "{}",
            ["attachments"] = JsonSerializer.Serialize(new[] { Path.Combine(Evidence, "a1/shot.png"), "a2/notes.txt", "../secret.txt", outside, "a3/missing.png" }),
        }, cancellationToken: Token);

        Assert.False(result.IsError);
        var body = JsonNode.Parse(((TextContentBlock)result.Content[0]).Text)!;
        Assert.Equal("Issue updated successfully", body["message"]!.GetValue<string>());
        var results = body["issue"]!["attachment_results"]!;
        Assert.True(results["success"]!.GetValue<bool>());
        Assert.Equal(5, results["total"]!.GetValue<int>());
        Assert.Equal(["shot.png", "notes.txt"], results["uploaded"]!.AsArray().Select(u => u!["filename"]!.GetValue<string>()));
        var failed = results["failed"]!.AsArray();
        Assert.Equal("Path traversal detected: ../secret.txt", failed[0]!["error"]!.GetValue<string>());
        Assert.Equal($"Path traversal detected: {outside}", failed[1]!["error"]!.GetValue<string>());
        Assert.StartsWith("File not found: ", failed[2]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_without_paths_or_with_bad_json_follow_0_23_1()
    {
        var key = await CreateAsync();
        await using var client = await _host.ConnectAsync(Token);

        var plain = await client.CallToolAsync("jira_update_issue", new Dictionary<string, object?> { ["issue_key"] = key, ["fields"] = "{}" }, cancellationToken: Token);
        var badJson = await client.CallToolAsync("jira_update_issue", new Dictionary<string, object?> { ["issue_key"] = key, ["fields"] = "{}", ["attachments"] = "{\"a\":1}" }, cancellationToken: Token);
        var badFields = await client.CallToolAsync("jira_update_issue", new Dictionary<string, object?> { ["issue_key"] = key, ["fields"] = "" }, cancellationToken: Token);

        Assert.False(plain.IsError);
        Assert.Null(JsonNode.Parse(((TextContentBlock)plain.Content[0]).Text)!["issue"]!["attachment_results"]);
        Assert.True(badJson.IsError);
        Assert.True(badFields.IsError);
        Assert.Contains("not valid JSON", ((TextContentBlock)badFields.Content[0]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browse_page_shows_images_inline_and_text_as_text_and_serves_them_safely()
    {
        var key = await CreateAsync();
        Write("b1/shot.png", Png);
        Write("b2/transcript.txt", "[2026-12-01 11:00:00 UTC] User (Ann):\n  <script>alert(1)</script> *not italic*"u8.ToArray());
        Write("b3/page.txt", "<!DOCTYPE html><html><script>alert(1)</script></html>"u8.ToArray());
        await using var client = await _host.ConnectAsync(Token);
        await client.CallToolAsync("jira_update_issue", new Dictionary<string, object?>
        {
            ["issue_key"] = key, ["fields"] = "{}", ["attachments"] = "b1/shot.png,b2/transcript.txt,b3/page.txt",
        }, cancellationToken: Token);
        using var http = new HttpClient { BaseAddress = _host.BaseUrl };

        using var page = await http.GetAsync($"/local-jira/browse/{key}", Token);
        var html = await page.Content.ReadAsStringAsync(Token);

        Assert.Contains("img-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Matches($"<img src=\"/local-jira/browse/{key}/attachments/\\d+/shot.png\" alt=\"shot.png\">", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; *not italic*", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        var links = System.Text.RegularExpressions.Regex.Matches(html, $"href=\"(/local-jira/browse/{key}/attachments/\\d+/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, links.Count);

        using var image = await http.GetAsync(links[0], Token);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", image.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync(Token));

        using var htmlFile = await http.GetAsync(links[2], Token);
        Assert.Equal("text/plain", htmlFile.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sandbox", htmlFile.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bot_attaches_its_evidence_to_the_local_tracker_through_the_shared_directory()
    {
        var draft = new TicketDraft(Guid.NewGuid().ToString("N"), "VPN *drops*", ["Restart"], "Ann", "oid-1");
        var stored = $"{Guid.NewGuid():N}/screen.png";
        Write(stored, Png);
        draft = draft with
        {
            Evidence = new TicketEvidence(
                [new TranscriptTurn(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero), true, "Ann", "VPN *drops*")],
                [new EvidenceFile(stored, "screen.png", "image/png", Png.Length)]),
        };

        var ticket = await _host.Tickets.CreateTicketAsync(draft, Token);
        var report = await _host.Tickets.AttachEvidenceAsync(ticket, draft, Token);

        Assert.Equal(["transcript.txt", "screen.png"], report.Attached);
        Assert.Empty(report.Failed);
        Assert.False(File.Exists(Path.Combine(Evidence, stored)), "the bot removes its copy after the upload");
        using var http = new HttpClient { BaseAddress = _host.BaseUrl };
        var html = WebUtility.HtmlDecode(await http.GetStringAsync($"/local-jira/browse/{ticket.Key}", Token));
        Assert.Contains("[2026-12-01 11:00:00 UTC] User (Ann):\n  VPN *drops*", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"screen.png\"", html, StringComparison.Ordinal);
    }

    private async Task<string> CreateAsync()
    {
        await using var client = await _host.ConnectAsync(Token);
        var created = await client.CallToolAsync("jira_create_issue", new Dictionary<string, object?>
        {
            ["project_key"] = "ITSUPPORT", ["summary"] = "s", ["issue_type"] = "Task",
        }, cancellationToken: Token);
        return JsonNode.Parse(((TextContentBlock)created.Content[0]).Text)!["issue"]!["key"]!.GetValue<string>();
    }

    private void Write(string relative, byte[] content)
    {
        var path = Path.Combine(Evidence, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }
}
