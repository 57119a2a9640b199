namespace TeamsItBot.Tests.Deployment;

/// <summary>Files of the repository the tests run from (found by walking up to the solution).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TeamsItBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TeamsItBot.sln not found above " + AppContext.BaseDirectory);
    }
}
