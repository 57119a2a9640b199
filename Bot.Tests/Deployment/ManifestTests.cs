using System.Text.Json;
using System.Text.RegularExpressions;

namespace TeamsItBot.Tests.Deployment;

public sealed partial class ManifestTests
{
    private static readonly JsonElement Manifest = JsonDocument.Parse(RepositoryFiles.Read("manifest", "manifest.json")).RootElement;

    [Fact]
    public void Uses_a_recent_schema_and_the_matching_schema_url()
    {
        var version = Manifest.GetProperty("manifestVersion").GetString()!;
        Assert.Matches(@"^1\.2\d$", version);
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", Manifest.GetProperty("$schema").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", Manifest.GetProperty("version").GetString()!);
    }

    [Fact]
    public void Bot_serves_personal_team_and_group_chat_and_accepts_files()
    {
        var bot = Assert.Single(Manifest.GetProperty("bots").EnumerateArray());
        var scopes = bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).Order().ToArray();
        Assert.Equal(["groupChat", "personal", "team"], scopes);
        // Files and screenshots the user sends go on the ticket (personal chats need supportsFiles for file consent).
        Assert.True(bot.GetProperty("supportsFiles").GetBoolean());
        Assert.False(bot.GetProperty("isNotificationOnly").GetBoolean());
        Assert.Equal("{{MicrosoftAppId}}", bot.GetProperty("botId").GetString());
    }

    [Fact]
    public void Command_lists_offer_help_new_problem_and_start_over_in_every_scope()
    {
        var lists = Manifest.GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray().ToList();
        Assert.InRange(lists.Count, 1, 3);
        var covered = lists.SelectMany(l => l.GetProperty("scopes").EnumerateArray().Select(s => s.GetString())).ToHashSet();
        Assert.Superset(new HashSet<string?> { "personal", "team", "groupChat" }, covered);
        foreach (var list in lists)
        {
            var commands = list.GetProperty("commands").EnumerateArray().ToList();
            Assert.InRange(commands.Count, 1, 10);
            var titles = commands.Select(c => c.GetProperty("title").GetString()).ToList();
            Assert.Contains("help", titles);
            Assert.Contains("new problem", titles);
            Assert.Contains("start over", titles);
            Assert.All(commands, c =>
            {
                Assert.InRange(c.GetProperty("title").GetString()!.Length, 1, 32);
                Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, 128);
            });
        }
    }

    [Fact]
    public void Text_fields_respect_the_length_limits()
    {
        Assert.InRange(Manifest.GetProperty("developer").GetProperty("name").GetString()!.Length, 1, 32);
        Assert.InRange(Manifest.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(Manifest.GetProperty("name").GetProperty("full").GetString()!.Length, 1, 100);
        Assert.InRange(Manifest.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.InRange(Manifest.GetProperty("description").GetProperty("full").GetString()!.Length, 1, 4000);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", Manifest.GetProperty("accentColor").GetString()!);
    }

    [Fact]
    public void Ids_urls_and_domains_are_placeholders_filled_by_the_package_script()
    {
        Assert.Equal("{{TEAMS_APP_ID}}", Manifest.GetProperty("id").GetString());
        Assert.Equal(["{{BOT_PUBLIC_HOST}}"], Manifest.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()!).ToArray());
        var developer = Manifest.GetProperty("developer");
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.Matches(Placeholder(), developer.GetProperty(url).GetString()!);
        }
    }

    [Fact]
    public void Icons_are_the_committed_files_and_the_accent_matches_the_colour_icon()
    {
        Assert.Equal("color.png", Manifest.GetProperty("icons").GetProperty("color").GetString());
        Assert.Equal("outline.png", Manifest.GetProperty("icons").GetProperty("outline").GetString());
        var color = Png.Decode(File.ReadAllBytes(RepositoryFiles.PathOf("manifest", "color.png")));
        var (r, g, b, _) = color.Pixel(0, 0);
        Assert.Equal(Manifest.GetProperty("accentColor").GetString()!.ToUpperInvariant(), $"#{r:X2}{g:X2}{b:X2}");
    }

    [GeneratedRegex(@"^\{\{[A-Z_]+\}\}$")]
    private static partial Regex Placeholder();
}
