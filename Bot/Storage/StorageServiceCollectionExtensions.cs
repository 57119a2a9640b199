using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.State;
using TeamsItBot.Insights;
using TeamsItBot.Tickets.Notifications;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Durable storage chosen by <c>Storage__Provider</c> (Memory | Sqlite | Postgres, default Sqlite):
    /// <see cref="IStorage"/>, <see cref="IActivityDeduplicator"/>, the ticket outbox's <see cref="ITicketOutboxStore"/> and, for Sqlite/Postgres, the shared
    /// <see cref="StorageDatabase"/> (connection factory + schema). Call it before the parts whose
    /// in-memory defaults it provides (AddBotFramework, AddTickets): their TryAdd defaults then stand
    /// aside. The provider is read when the services are first resolved, so test hosts can override
    /// configuration.
    /// </summary>
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(options =>
            {
                if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    var directory = StorageOptions.ResolveDataDirectory(configuration[StorageOptions.DataDirectoryVariable]);
                    options.ConnectionString = new SqliteConnectionStringBuilder
                    {
                        DataSource = Path.Combine(directory, StorageOptions.DefaultSqliteFileName),
                    }.ConnectionString;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        foreach (var migration in CoreStorageMigrations.All)
        {
            services.AddStorageMigration(migration);
        }

        foreach (var migration in OutboxStorageMigrations.All)
        {
            services.AddStorageMigration(migration);
        }

        foreach (var migration in NotificationStorageMigrations.All)
        {
            services.AddStorageMigration(migration);
        }

        foreach (var migration in InsightsStorageMigrations.All)
        {
            services.AddStorageMigration(migration);
        }

        services.TryAddSingleton<StorageDatabase>(CreateDatabase);

        services.AddSingleton<IStorage>(sp => Provider(sp) switch
        {
            StorageProvider.Sqlite => new SqliteStorage((SqliteDatabase)sp.GetRequiredService<StorageDatabase>(), sp.GetRequiredService<TimeProvider>()),
            StorageProvider.Postgres => new PostgresStorage((PostgresDatabase)sp.GetRequiredService<StorageDatabase>(), sp.GetRequiredService<TimeProvider>()),
            _ => new MemoryStorage(),
        });

        services.AddSingleton<IActivityDeduplicator>(sp => Provider(sp) == StorageProvider.Memory
            ? new MemoryActivityDeduplicator(sp.GetRequiredService<TimeProvider>())
            : new StoreActivityDeduplicator(sp.GetRequiredService<StorageDatabase>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<StoreActivityDeduplicator>>()));

        services.AddSingleton<ITicketOutboxStore>(sp => Provider(sp) switch
        {
            StorageProvider.Sqlite => new SqliteTicketOutboxStore((SqliteDatabase)sp.GetRequiredService<StorageDatabase>()),
            StorageProvider.Postgres => new PostgresTicketOutboxStore((PostgresDatabase)sp.GetRequiredService<StorageDatabase>()),
            _ => new MemoryTicketOutboxStore(),
        });

        services.AddSingleton<ITrackedTicketStore>(sp => Provider(sp) == StorageProvider.Memory
            ? new MemoryTrackedTicketStore()
            : new RelationalTrackedTicketStore(sp.GetRequiredService<StorageDatabase>()));
        services.AddSingleton<IChangeNoticeStore>(sp => Provider(sp) == StorageProvider.Memory
            ? new MemoryChangeNoticeStore()
            : new RelationalChangeNoticeStore(sp.GetRequiredService<StorageDatabase>()));

        // Added, not tried: Insights' TryAdd of its memory default then leaves this one in place, whichever part registers first.
        services.AddSingleton<IOutcomeEventStore>(sp => Provider(sp) == StorageProvider.Memory
            ? new MemoryOutcomeEventStore()
            : new RelationalOutcomeEventStore(sp.GetRequiredService<StorageDatabase>()));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StorageSchemaInitializer>());
        AddRetention(services, configuration);
        if (!services.Any(d => d.ServiceType == typeof(StorageHealthCheck)))
        {
            services.AddSingleton<StorageHealthCheck>();
            services.AddHealthChecks().AddCheck<StorageHealthCheck>("database", tags: [Operations.OperationsServiceCollectionExtensions.ReadyTag]);
        }
        return services;
    }

    /// <summary>Adds a schema step (e.g. the outbox's tables) applied at start-up with the others.</summary>
    public static IServiceCollection AddStorageMigration(this IServiceCollection services, StorageMigration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        if (!services.Any(d => d.ServiceType == typeof(StorageMigration) && Equals(d.ImplementationInstance, migration)))
        {
            services.AddSingleton(migration);
        }

        return services;
    }

    /// <summary>The background sweep of settled outbox rows and idle state (<c>Storage:Retention</c>).</summary>
    private static void AddRetention(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageRetentionOptions>()
            .Bind(configuration.GetSection(StorageRetentionOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageRetentionOptions>, StorageRetentionOptionsValidator>());
        services.TryAddSingleton<StorageRetentionSweeper>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StorageRetentionSweeper>(
            sp => sp.GetRequiredService<StorageRetentionSweeper>()));
    }

    private static StorageProvider Provider(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider;

    private static StorageDatabase CreateDatabase(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var migrations = sp.GetServices<StorageMigration>();
        return options.Provider switch
        {
            StorageProvider.Sqlite => new SqliteDatabase(options.ConnectionString!, migrations, sp.GetRequiredService<ILogger<SqliteDatabase>>(), options.SqliteSynchronous),
            StorageProvider.Postgres => new PostgresDatabase(options.ConnectionString!, migrations, sp.GetRequiredService<ILogger<PostgresDatabase>>()),
            _ => throw new InvalidOperationException("Storage__Provider is Memory: there is no database. Check StorageOptions.Provider before asking for StorageDatabase."),
        };
    }
}
