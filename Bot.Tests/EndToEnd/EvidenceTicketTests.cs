using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.EndToEnd;

/// <summary>
/// Evidence on the ticket over HTTP: the real app, the mcp-atlassian contract double (its /app working
/// directory backed by the shared volume) and a fake connector; the user's files served by a fake Teams
/// attachment host. Every bad input gets a clear message and the ticket is still filed exactly once.
/// </summary>
public sealed class EvidenceTicketTests : IAsyncLifetime
{
    private static readonly byte[] Png = LocalTracker.LocalTrackerAttachmentTests.Png;

    private readonly string _volume = Path.Combine(Path.GetTempPath(), "teamsitbot-tests", Guid.NewGuid().ToString("n"));
    private SupportAppOverDouble _host = null!;
    private FakeFileHost _files = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string EvidenceDirectory => Path.Combine(_volume, "evidence");

    public async ValueTask InitializeAsync()
    {
        _host = await SupportAppOverDouble.StartAsync(Token);
        _files = await FakeFileHost.StartAsync();
        _host.App.Settings["Tickets:Evidence:Enabled"] = "true";
        _host.App.Settings["Tickets:Evidence:Directory"] = EvidenceDirectory;
        _host.App.Settings["Tickets:Evidence:ServerDirectory"] = "/app/evidence";
        _host.App.Settings["Tickets:Evidence:MaxFileMegabytes"] = "1";
        _host.Jira.WorkingDirectoryOnDisk = _volume;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _files.DisposeAsync();
        if (Directory.Exists(_volume)) Directory.Delete(_volume, recursive: true);
    }

    [Fact]
    public async Task A_pasted_image_and_the_transcript_go_on_the_ticket_with_the_exact_arguments_and_are_removed_afterwards()
    {
        await SayAsync("Teams is not working");
        await SendFilesAsync("this is the error I get", Image(null, _files.Serve("/v3/attachments/0-eus-d1/views/original", Png, "image/png")));
        Assert.Contains("I'll attach screenshot.png to the ticket if we create one.", Texts());
        await SayAsync("still not working");
        var card = _host.Connector.Activities.Last(SupportBot.IsConfirmCard);
        Assert.Contains("Attached: the transcript of this conversation and screenshot.png.", SupportBot.CardJson(card).GetRawText(), StringComparison.Ordinal);

        await SayAsync("yes");

        Assert.Contains(Texts(), t => t.StartsWith("Created ticket ITSUPPORT-1", StringComparison.Ordinal));
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
        var update = Assert.Single(_host.Jira.ToolCalls, c => c.ToolName == "jira_update_issue");
        Assert.Equal(["attachments", "fields", "issue_key"], update.Arguments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ITSUPPORT-1", update.Arguments["issue_key"].GetString());
        // The words sent with the screenshot belong to the open problem; they do not start another.
        Assert.Equal("IT Support: Teams is not working", _host.Jira.ToolCalls.Single(c => c.ToolName == "jira_create_issue").Arguments["summary"].GetString());
        Assert.Equal("{}", update.Arguments["fields"].GetString());
        var paths = JsonSerializer.Deserialize<string[]>(update.Arguments["attachments"].GetString()!)!;
        Assert.Equal($"/app/evidence/{SupportBot.DraftIdOf(card)}/transcript.txt", paths[0]);
        Assert.Matches("^/app/evidence/[0-9a-f]{32}/screenshot.png$", paths[1]);
        Assert.Equal(2, paths.Length);

        var attached = _host.Jira.Attachments("ITSUPPORT-1");
        Assert.Equal(["transcript.txt", "screenshot.png"], attached.Select(a => a.FileName));
        Assert.Equal(Png, attached[1].Content);
        var transcript = Encoding.UTF8.GetString(attached[0].Content);
        Assert.Matches(@"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\] User \(Ann User\):\n  Teams is not working\n", transcript);
        Assert.Matches(@"\] Bot \(IT Bot\):\n  \S", transcript);
        Assert.Contains("User (Ann User):\n  still not working\n", transcript, StringComparison.Ordinal);
        Assert.Contains("User (Ann User):\n  this is the error I get\n\n", transcript, StringComparison.Ordinal);
        Assert.Contains("Problem: Teams is not working\n", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Jira.ToolCalls, c => c.ToolName == "jira_update_issue" && c != update);
        Assert.Empty(Directory.EnumerateFiles(EvidenceDirectory, "*", SearchOption.AllDirectories));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "over-limit", "I couldn't keep big.png: it is larger than the 1 MB limit." },
        { "wrong-type", "I couldn't keep tools.zip: that type of file is not accepted (only images, text and log files, and PDFs)." },
        { "download-fails", "I couldn't keep gone.png: the download failed (HTTP 404)." },
        { "returns-html", "I couldn't keep error.png: the download returned a web page (an error or sign-in page) instead of the file." },
        { "foreign-host", "I couldn't keep remote.png: it is not stored in Teams, and the bot downloads files only from Teams." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_gets_a_clear_message_and_the_ticket_is_filed_once_with_the_transcript(string kind, string message)
    {
        var attachment = kind switch
        {
            "over-limit" => Image("big.png", _files.Serve("/big", [.. Png, .. new byte[1024 * 1024]], "image/png")),
            "wrong-type" => new Attachment { ContentType = "application/zip", Name = "tools.zip", ContentUrl = _files.Serve("/zip", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], "application/zip") },
            "download-fails" => Image("gone.png", new Uri(_files.BaseUrl, "/gone").ToString()),
            "returns-html" => Image("error.png", _files.Serve("/err", "<!DOCTYPE html><html>Sign in</html>"u8.ToArray(), "image/png")),
            _ => Image("remote.png", "https://files.example.org/remote.png"),
        };

        await SayAsync("Teams is not working");
        await SendFilesAsync(null, attachment);
        await SayAsync("still not working");
        await SayAsync("yes");

        Assert.Contains(message, Texts());
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
        Assert.Equal(["transcript.txt"], _host.Jira.Attachments("ITSUPPORT-1").Select(a => a.FileName));
        Assert.DoesNotContain(Texts(), t => t.Contains("couldn't attach", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../../../etc/passwd.png", "passwd.png")]
    [InlineData("..\\..\\boot.ini.png", "boot.ini.png")]
    [InlineData("bad\u0007na\u202Eme\r\n.png", "badname.png")]
    public async Task A_filename_with_path_traversal_or_control_characters_is_stored_and_attached_under_a_safe_name(string sent, string stored)
    {
        await SayAsync("Teams is not working");
        await SendFilesAsync(null, Image(sent, _files.Serve("/s", Png, "image/png")));
        await SayAsync("still not working");
        await SayAsync("yes");

        Assert.Contains($"I'll attach {stored} to the ticket if we create one.", Texts());
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
        var paths = JsonSerializer.Deserialize<string[]>(_host.Jira.ToolCalls.Single(c => c.ToolName == "jira_update_issue").Arguments["attachments"].GetString()!)!;
        Assert.All(paths, p => Assert.Matches("^/app/evidence/[0-9a-f]{32}/[^/]+$", p));
        Assert.Equal(["transcript.txt", stored], _host.Jira.Attachments("ITSUPPORT-1").Select(a => a.FileName));
    }

    [Fact]
    public async Task Fifty_files_in_one_message_are_capped_with_a_message_and_the_ticket_is_filed_once()
    {
        await SayAsync("Teams is not working");
        await SendFilesAsync(null, [.. Enumerable.Range(1, 50).Select(i => Image($"s{i}.png", _files.Serve($"/s{i}", Png, "image/png")))]);
        await SayAsync("still not working");
        await SayAsync("yes");

        Assert.Contains(Texts(), t => t.Contains("You sent 50 files; a ticket takes at most 10 files, so I left out the last 40.", StringComparison.Ordinal));
        Assert.Equal(10, _files.Requests.Count);
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
        Assert.Equal(11, _host.Jira.Attachments("ITSUPPORT-1").Count);
    }

    [Fact]
    public async Task Uploads_the_server_refuses_are_named_in_the_reply_and_the_ticket_stands()
    {
        _host.Jira.FailUploadsWith = "Attachment size exceeds the limit";
        await SayAsync("Teams is not working");
        await SendFilesAsync(null, Image("shot.png", _files.Serve("/s", Png, "image/png")));
        await SayAsync("still not working");
        await SayAsync("yes");

        Assert.Contains(Texts(), t => t.StartsWith("Created ticket ITSUPPORT-1", StringComparison.Ordinal));
        Assert.Contains("The ticket ITSUPPORT-1 is filed, but I couldn't attach everything:\n- transcript.txt: the ticket system did not accept it\n"
            + "- shot.png: the ticket system did not accept it\nYou can add them to the ticket in Jira yourself.", Texts());
        Assert.Equal("plain", _host.Connector.Activities.Single(a => a.Text?.Contains("couldn't attach", StringComparison.Ordinal) == true).TextFormat);
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
        Assert.Empty(Directory.EnumerateFiles(EvidenceDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_server_without_jira_update_issue_files_the_ticket_and_says_nothing_was_attached()
    {
        _host.Jira.EnabledTools = new HashSet<string> { "jira_create_issue", "jira_search", "jira_get_user_profile" };
        await SayAsync("Teams is not working");
        await SayAsync("still not working");
        await SayAsync("yes");

        Assert.Contains(Texts(), t => t.StartsWith("Created ticket ITSUPPORT-1", StringComparison.Ordinal));
        Assert.Contains(Texts(), t => t.Contains("- transcript.txt: the ticket system does not allow attachments", StringComparison.Ordinal));
        Assert.Equal(0, _host.Jira.ToolCallCount("jira_update_issue"));
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
    }

    [Fact]
    public async Task A_base64_upload_tool_is_preferred_when_the_server_offers_one()
    {
        _host.Jira.OfferBase64Upload = true;
        await SayAsync("Teams is not working");
        await SendFilesAsync(null, Image("shot.png", _files.Serve("/s", Png, "image/png")));
        await SayAsync("still not working");
        await SayAsync("yes");

        var uploads = _host.Jira.ToolCalls.Where(c => c.ToolName == "jira_upload_attachment").ToList();
        Assert.Equal(["transcript.txt", "shot.png"], uploads.Select(u => u.Arguments["filename"].GetString()));
        Assert.Equal(Convert.ToBase64String(Png), uploads[1].Arguments["content_base64"].GetString());
        Assert.Equal("ITSUPPORT-1", uploads[1].Arguments["issue_key"].GetString());
        Assert.Equal(0, _host.Jira.ToolCallCount("jira_update_issue"));
        Assert.Equal(1, _host.Jira.ToolCallCount("jira_create_issue"));
    }

    [Fact]
    public async Task A_file_with_no_problem_open_is_not_downloaded_and_the_user_is_told_what_to_do()
    {
        await SendFilesAsync(null, Image("shot.png", _files.Serve("/s", Png, "image/png")));

        Assert.Contains("I can't attach that yet: tell me first what the problem is, then send the screenshot or file and I'll add it to the ticket.", Texts());
        Assert.DoesNotContain(Texts(), t => t.StartsWith("I can only read text", StringComparison.Ordinal));
        Assert.Empty(_files.Requests);
    }

    [Fact]
    public async Task A_declined_ticket_drops_the_kept_files()
    {
        await SayAsync("Teams is not working");
        await SendFilesAsync(null, Image("shot.png", _files.Serve("/s", Png, "image/png")));
        Assert.Single(Directory.EnumerateFiles(EvidenceDirectory, "*", SearchOption.AllDirectories));
        await SayAsync("still not working");

        await SayAsync("no thanks");

        Assert.Empty(Directory.EnumerateFiles(EvidenceDirectory, "*", SearchOption.AllDirectories));
        Assert.Equal(0, _host.Jira.ToolCallCount("jira_create_issue"));
    }

    private static Attachment Image(string? name, string url) => new() { ContentType = "image/png", Name = name, ContentUrl = url };

    private Task SayAsync(string text) => PostOkAsync(TestActivities.Message(_host.Connector.ServiceUrl, text));

    private Task SendFilesAsync(string? text, params Attachment[] attachments)
    {
        var message = TestActivities.Message(_host.Connector.ServiceUrl, text ?? string.Empty);
        message.Text = text;
        // Teams adds the message body as text/html beside pasted images: never a file.
        message.Attachments = [.. attachments, new Attachment { ContentType = "text/html", Content = "<div><img src=\"x\"></div>" }];
        return PostOkAsync(message);
    }

    private async Task PostOkAsync(Activity activity)
    {
        using var response = await _host.App.PostActivityAsync(activity, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private List<string> Texts() => [.. _host.Connector.Activities.Where(a => a.Text is not null).Select(a => a.Text!)];
}
