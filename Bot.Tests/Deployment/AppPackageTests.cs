using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace TeamsItBot.Tests.Deployment;

public sealed class AppPackageTests : IDisposable
{
    private const string AppId = "0b5e0c2e-8d39-4c36-9a1e-6f0d9a7e1a11";
    private const string TeamsAppId = "7d0c4b1a-2f3e-4a5b-8c6d-9e0f1a2b3c4d";
    private readonly string _dir = Directory.CreateTempSubdirectory("teamsitbot-package-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Package_has_the_three_files_at_the_zip_root_with_ids_filled()
    {
        var zipPath = Path.Combine(_dir, "teamsitbot.zip");
        var (exitCode, output) = await RunPackageAsync(zipPath, new()
        {
            ["MicrosoftAppId"] = AppId,
            ["TEAMS_APP_ID"] = TeamsAppId,
            ["BOT_PUBLIC_HOST"] = "https://teamsitbot.contoso.com/",
        });

        Assert.True(exitCode == 0, output);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order().ToArray());

        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var root = manifest.RootElement;
        Assert.Equal(TeamsAppId, root.GetProperty("id").GetString());
        Assert.Equal(AppId, root.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal(["teamsitbot.contoso.com"], root.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()!).ToArray());
        Assert.Equal("https://teamsitbot.contoso.com/", root.GetProperty("developer").GetProperty("privacyUrl").GetString());
        Assert.DoesNotContain("{{", root.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Icons_in_the_package_have_the_sizes_and_colours_Teams_requires()
    {
        var zipPath = Path.Combine(_dir, "icons.zip");
        var (exitCode, output) = await RunPackageAsync(zipPath, new() { ["MicrosoftAppId"] = AppId, ["BOT_PUBLIC_HOST"] = "bot.contoso.com" });
        Assert.True(exitCode == 0, output);
        using var zip = ZipFile.OpenRead(zipPath);

        var color = Png.Decode(ReadEntry(zip, "color.png"));
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal(255, color.Pixel(0, 0).A);

        var outline = Png.Decode(ReadEntry(zip, "outline.png"));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.True(outline.HasAlpha);
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => outline.Pixel(i % 32, i / 32)).ToList();
        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"outline pixel {p} is neither white nor transparent"));
        Assert.Contains(pixels, p => p.A == 255);
        Assert.Contains(pixels, p => p.A == 0);
    }

    [Fact]
    public async Task Invalid_settings_are_all_named_and_no_package_is_written()
    {
        var zipPath = Path.Combine(_dir, "bad.zip");
        var (exitCode, output) = await RunPackageAsync(zipPath, new() { ["MicrosoftAppId"] = "not-a-guid", ["BOT_PUBLIC_HOST"] = "" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("MicrosoftAppId", output, StringComparison.Ordinal);
        Assert.Contains("BOT_PUBLIC_HOST", output, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private async Task<(int ExitCode, string Output)> RunPackageAsync(string output, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (var arg in new[] { RepositoryFiles.PathOf("manifest", "package.py"), "--env-file", Path.Combine(_dir, "none.env"), "--output", output })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in new[] { "MicrosoftAppId", "TEAMS_APP_ID", "BOT_PUBLIC_HOST", "DEVELOPER_WEBSITE_URL", "PRIVACY_URL", "TERMS_OF_USE_URL", "TEAMS_APP_VERSION" })
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
