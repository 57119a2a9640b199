using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.State;
using TeamsItBot.Storage;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Storage;

public sealed class StorageRegistrationTests
{
    [Fact]
    public void Default_provider_is_a_sqlite_file_named_bot_db_in_BOT_DATA_DIR()
    {
        var directory = Path.Combine(Path.GetTempPath(), "teamsitbot-reg-" + Guid.NewGuid().ToString("N")[..8]);
        using var services = Build(new() { ["BOT_DATA_DIR"] = directory });

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        Assert.Contains(Path.Combine(directory, "bot.db"), options.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_BOT_DATA_DIR_the_file_lives_in_data_beside_the_app()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "data", "bot.db"), options.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_provider_stands_in_for_the_frameworks_memory_defaults()
    {
        var directory = Path.Combine(Path.GetTempPath(), "teamsitbot-reg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["BOT_DATA_DIR"] = directory }).Build();
            var collection = new ServiceCollection().AddLogging();
            collection.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
            // Program's order: storage, then the parts whose in-memory defaults are TryAdd.
            collection.AddBotStorage(configuration);
            collection.AddBotFramework(configuration);
            await using var services = collection.BuildServiceProvider();

            Assert.IsType<SqliteStorage>(services.GetRequiredService<IStorage>());
            Assert.IsType<StoreActivityDeduplicator>(services.GetRequiredService<IActivityDeduplicator>());
            Assert.IsType<SqliteDatabase>(services.GetRequiredService<StorageDatabase>());
            Assert.Single(collection, d => d.ServiceType == typeof(IStorage));
            Assert.Single(collection, d => d.ServiceType == typeof(IActivityDeduplicator));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void Memory_provider_keeps_the_in_process_implementations()
    {
        using var services = Build(new() { ["Storage:Provider"] = "Memory" });

        Assert.IsType<MemoryStorage>(services.GetRequiredService<IStorage>());
        Assert.IsType<MemoryActivityDeduplicator>(services.GetRequiredService<IActivityDeduplicator>());
    }

    [Theory]
    [InlineData("Postgres", null, "Storage__ConnectionString is not set")]
    [InlineData("Postgres", "Host=x;Bogus Keyword=1", "not a valid PostgreSQL connection string")]
    [InlineData("Sqlite", "Nonsense Keyword=1", "not a valid SQLite connection string")]
    public void Invalid_configuration_fails_with_a_message_naming_the_setting(string provider, string? connectionString, string expected)
    {
        using var services = Build(new() { ["Storage:Provider"] = provider, ["Storage:ConnectionString"] = connectionString });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddBotStorage(configuration).BuildServiceProvider();
    }
}
