using System.Reflection;
using System.Xml.Linq;
using TeamsItBot.Tests.Deployment;

namespace TeamsItBot.Tests.Architecture;

/// <summary>
/// The house plan's dependency rules, read from the project files (what the compiler enforces) and
/// from the built assemblies (what actually got referenced).
/// </summary>
public sealed class ProjectBoundaryTests
{
    private const string Framework = "TeamsItBot.Framework";
    private const string Tickets = "TeamsItBot.Tickets";
    private const string LocalTracker = "TeamsItBot.LocalTracker";

    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Framework/TeamsItBot.Framework.csproj", [] },
        { "Tickets/TeamsItBot.Tickets.csproj", [] },
        { "LocalTracker/TeamsItBot.LocalTracker.csproj", [] },
        { "Bot/Bot.csproj", [Framework, Tickets, LocalTracker] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Each_part_references_only_the_projects_the_plan_allows(string project, string[] allowed)
    {
        var references = ProjectReferences(RepositoryFiles.PathOf(project.Split('/')));

        Assert.Equal(allowed.Order(StringComparer.Ordinal), references.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_the_host_and_tests_reference_the_local_tracker()
    {
        var offenders = Directory.EnumerateFiles(RepositoryFiles.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => ProjectReferences(path).Contains(LocalTracker))
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'))
            .Where(path => path != "Bot/Bot.csproj" && !path.StartsWith("Bot.Tests/", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData(Framework)]
    [InlineData(Tickets)]
    [InlineData(LocalTracker)]
    public void A_part_assembly_loads_no_other_part(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);

        var ours = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("TeamsItBot", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(ours);
    }

    /// <summary>Assembly names of the projects a project file references.</summary>
    private static List<string> ProjectReferences(string projectPath)
    {
        var document = XDocument.Load(projectPath);
        return [.. document.Descendants("ProjectReference")
            .Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))
            .Select(include => AssemblyNameOf(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectPath)!, include))))];
    }

    private static string AssemblyNameOf(string projectPath) =>
        XDocument.Load(projectPath).Descendants("AssemblyName").FirstOrDefault()?.Value
        ?? Path.GetFileNameWithoutExtension(projectPath);
}
