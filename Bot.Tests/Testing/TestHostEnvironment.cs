using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace TeamsItBot.Tests.Testing;

/// <summary>A Development host environment for containers built without a host.</summary>
internal sealed class TestHostEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = Environments.Development;
    public string ApplicationName { get; set; } = "tests";
    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
