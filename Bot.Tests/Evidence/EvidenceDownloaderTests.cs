using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Support.Evidence;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Tests.Evidence;

/// <summary>
/// Downloads over a real loopback port: the bot's token only where it belongs, redirects checked hop by
/// hop, size and type limits, an HTML page in place of the file refused, files stored under the evidence directory.
/// </summary>
public sealed class EvidenceDownloaderTests : IAsyncLifetime
{
    private static readonly byte[] Png = LocalTracker.LocalTrackerAttachmentTests.Png;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-tests", Guid.NewGuid().ToString("n"));
    private FakeFileHost _files = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _files = await FakeFileHost.StartAsync();
        _services = new ServiceCollection().AddHttpClient(EvidenceDownloader.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false }).Services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _files.DisposeAsync();
        await _services.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_teams_image_is_fetched_with_the_bots_token_and_stored_under_a_safe_name()
    {
        var url = _files.Serve("/v3/attachments/a1/views/original", Png, "image/png");

        var intake = await Downloader().TakeAsync([new OfferedFile("../../shot.png", url, "image/png")], null, [], 10, Token);

        var kept = Assert.Single(intake.Kept);
        Assert.Equal("shot.png", kept.FileName);
        Assert.Equal("image/png", kept.ContentType);
        Assert.Matches("^[0-9a-f]{32}/shot.png$", kept.StoredPath);
        Assert.Equal(Png, await File.ReadAllBytesAsync(Path.Combine(_directory, kept.StoredPath), Token));
        Assert.Equal("Bearer bot-token", _files.Requests.Single().Authorization);
    }

    [Theory]
    [InlineData("too-large", "it is larger than the 1 MB limit")]
    [InlineData("zip", "that type of file is not accepted (only images, text and log files, and PDFs)")]
    [InlineData("missing", "the download failed (HTTP 404)")]
    [InlineData("server-error", "the download failed (HTTP 500)")]
    [InlineData("html-header", "the download returned a web page (an error or sign-in page) instead of the file")]
    [InlineData("html-as-png", "the download returned a web page (an error or sign-in page) instead of the file")]
    [InlineData("redirect-away", "it is not stored in Teams, and the bot downloads files only from Teams")]
    public async Task A_bad_file_is_refused_with_a_reason(string kind, string reason)
    {
        var url = kind switch
        {
            "too-large" => _files.Serve("/big", [.. Png, .. new byte[1024 * 1024]], "image/png"),
            "zip" => _files.Serve("/tools.zip", [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0], "image/png"),
            "missing" => new Uri(_files.BaseUrl, "/gone").ToString(),
            "server-error" => _files.Serve("/err", "oops"u8.ToArray(), "text/plain", 500),
            "html-header" => _files.Serve("/login", "Sign in"u8.ToArray(), "text/html"),
            "html-as-png" => _files.Serve("/page.png", "<!DOCTYPE html><html>Error</html>"u8.ToArray(), "image/png"),
            _ => _files.Redirect("/hop", "https://evil.example/collect"),
        };

        var intake = await Downloader(maxMegabytes: 1).TakeAsync([new OfferedFile("file.png", url, "image/png")], null, [], 10, Token);

        Assert.Empty(intake.Kept);
        Assert.Equal(new UnattachedFile("file.png", reason), Assert.Single(intake.Refused));
        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Any(), "nothing is stored");
    }

    [Theory]
    [InlineData("https://evil.example/x.png")]
    [InlineData("http://smba.trafficmanager.net/amer/v3/attachments/x")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:pass@smba.trafficmanager.net/x")]
    public async Task An_address_outside_teams_is_never_requested(string url)
    {
        var intake = await Downloader(allowLoopback: false).TakeAsync([new OfferedFile("x.png", url, "image/png")], null, [], 10, Token);

        Assert.Empty(intake.Kept);
        Assert.Equal("it is not stored in Teams, and the bot downloads files only from Teams", Assert.Single(intake.Refused).Reason);
        Assert.Empty(_files.Requests);
    }

    [Fact]
    public void The_token_goes_only_to_teams_hosts_and_the_authenticated_service_url()
    {
        var trusted = new TrustedServiceUrls(TimeProvider.System);
        trusted.Trust("https://smba.emea.example.net/teams/");
        var policy = new EvidenceDownloadPolicy(Options().Value, trusted);

        Assert.Equal(DownloadTrust.WithToken, policy.Trust(new Uri("https://smba.trafficmanager.net/amer/v3/attachments/1/views/original"), null));
        Assert.Equal(DownloadTrust.WithToken, policy.Trust(new Uri("https://eu.smba.trafficmanager.net/v3/attachments/1"), null));
        Assert.Equal(DownloadTrust.WithToken, policy.Trust(new Uri("https://smba.emea.example.net/v3/attachments/1"), "https://smba.emea.example.net/teams/"));
        Assert.Equal(DownloadTrust.Refused, policy.Trust(new Uri("https://smba.emea.example.net/v3/attachments/1"), "https://other.example.net/"));
        Assert.Equal(DownloadTrust.WithoutToken, policy.Trust(new Uri("https://contoso-my.sharepoint.com/personal/ann/file.png?tempauth=x"), null));
        Assert.Equal(DownloadTrust.Refused, policy.Trust(new Uri("https://sharepoint.com.evil.example/x"), null));
        Assert.Equal(DownloadTrust.Refused, policy.Trust(new Uri("https://evilsmba.trafficmanager.net/x"), null));
        Assert.Equal(DownloadTrust.Refused, policy.Trust(new Uri("http://127.0.0.1:8080/x"), null));
    }

    [Fact]
    public async Task A_redirect_is_followed_and_checked_at_every_hop()
    {
        var final = _files.Serve("/onedrive/log.txt", "2026-12-01 ERROR\n"u8.ToArray(), "text/plain");
        var start = _files.Redirect("/v3/attachments/r", final);

        var intake = await Downloader().TakeAsync([new OfferedFile("app.log", start, null)], null, [], 10, Token);

        Assert.Equal("app.log", Assert.Single(intake.Kept).FileName);
        Assert.Equal(2, _files.Requests.Count);
    }

    [Fact]
    public async Task Fifty_files_in_one_message_keep_only_the_room_left_and_fetch_no_more()
    {
        var offered = Enumerable.Range(1, 50).Select(i => new OfferedFile($"shot{i}.png", _files.Serve($"/s{i}", Png, "image/png"), "image/png")).ToList();

        var intake = await Downloader().TakeAsync(offered, null, ["shot1.png"], 9, Token);

        Assert.Equal(9, intake.Kept.Count);
        Assert.Equal(41, intake.OverLimit);
        Assert.Equal("shot1 (2).png", intake.Kept[0].FileName);
        Assert.Equal(9, _files.Requests.Count);
        Assert.Equal(
            "I'll attach shot1 (2).png, shot2.png, shot3.png, shot4.png, shot5.png, shot6.png, shot7.png, shot8.png and shot9.png to the ticket if we create one.\n"
            + "You sent 50 files; a ticket takes at most 10 files, so I left out the last 41. Please send only the most important ones, or add the rest in Jira later.",
            EvidenceReplies.Intake(intake, 10, 50));
    }

    [Fact]
    public async Task A_data_uri_image_is_decoded_without_any_request()
    {
        var intake = await Downloader().TakeAsync([new OfferedFile(null, "data:image/png;base64," + Convert.ToBase64String(Png), "image/png")], null, [], 10, Token);

        Assert.Equal("screenshot.png", Assert.Single(intake.Kept).FileName);
        Assert.Empty(_files.Requests);
    }

    private EvidenceDownloader Downloader(int maxMegabytes = 10, bool allowLoopback = true) =>
        new(_services.GetRequiredService<IHttpClientFactory>(), new StaticTokenProvider("bot-token"),
            new TrustedServiceUrls(TimeProvider.System) { AllowLoopback = allowLoopback }, Options(maxMegabytes), NullLogger<EvidenceDownloader>.Instance);

    private IOptions<EvidenceOptions> Options(int maxMegabytes = 10) => Microsoft.Extensions.Options.Options.Create(new EvidenceOptions
    {
        Directory = _directory,
        ServerDirectory = "/app/evidence",
        MaxFileMegabytes = maxMegabytes,
        AllowedTypes = [.. EvidenceOptions.DefaultAllowedTypes],
        TrustedDownloadHosts = [.. EvidenceOptions.DefaultTrustedHosts],
        FileConsentHosts = [.. EvidenceOptions.DefaultFileConsentHosts],
    });
}
