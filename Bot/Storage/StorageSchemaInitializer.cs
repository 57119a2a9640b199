using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Storage;

/// <summary>Creates or migrates the schema at start-up, so a bad connection string or an unreachable database stops the app at once.</summary>
public sealed class StorageSchemaInitializer(IServiceProvider services, IOptions<StorageOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Provider == StorageProvider.Memory
            ? Task.CompletedTask
            : services.GetRequiredService<StorageDatabase>().EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
