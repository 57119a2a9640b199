using System.Runtime.CompilerServices;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// App hosts in tests (WebApplicationFactory) use in-memory storage unless a test chooses a provider
/// with UseSetting("Storage:Provider", ...): the production default, a SQLite file beside the app,
/// would be shared by every test class and every run, and its de-duplication would swallow reused
/// activity ids. Storage tests pick Sqlite/Postgres explicitly.
/// </summary>
internal static class TestStorageDefaults
{
    [ModuleInitializer]
    internal static void UseMemoryStorageByDefault()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Storage__Provider")))
        {
            Environment.SetEnvironmentVariable("Storage__Provider", "Memory");
        }
    }
}
