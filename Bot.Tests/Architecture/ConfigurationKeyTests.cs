using TeamsItBot.Tests.Deployment;

namespace TeamsItBot.Tests.Architecture;

/// <summary>
/// Configuration keys and route prefixes that more than one part needs are spelled once, as a
/// constant of the part that owns them; the others get them from it (through the host where the
/// projects cannot see each other).
/// </summary>
public sealed class ConfigurationKeyTests
{
    private static readonly string[] ProductFolders = ["Bot", "Framework", "Tickets", "LocalTracker"];

    [Theory]
    [InlineData("\"MCP_ATLASSIAN_URL\"", "Tickets/TicketOptions.cs")]
    [InlineData("\"/local-jira\"", "LocalTracker/LocalTrackerOptions.cs")]
    [InlineData("\"LocalTracker\"", "LocalTracker/LocalTrackerOptions.cs")]
    public void A_shared_key_or_prefix_is_written_once_by_its_owner(string literal, string owner)
    {
        var places = ProductFolders
            .SelectMany(part => Directory.EnumerateFiles(RepositoryFiles.PathOf(part), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(x => x.line.Contains(literal, StringComparison.Ordinal))
            .Select(x => Path.GetRelativePath(RepositoryFiles.Root, x.path).Replace('\\', '/'))
            .ToList();

        Assert.Equal([owner], places);
    }

    [Fact]
    public void No_part_reads_the_local_trackers_settings_by_a_written_key()
    {
        const string prefix = "\"LocalTracker:";
        var places = ProductFolders
            .SelectMany(part => Directory.EnumerateFiles(RepositoryFiles.PathOf(part), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(x => x.line.Contains(prefix, StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(RepositoryFiles.Root, x.path)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(places);
    }
}
