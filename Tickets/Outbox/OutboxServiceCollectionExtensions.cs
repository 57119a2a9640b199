using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// The ticket outbox: options (section Outbox, validated at start-up), <see cref="TicketOutbox"/>, the
    /// background <see cref="TicketOutboxWorker"/>, and defaults the storage and conversation layers replace:
    /// an in-memory <see cref="ITicketOutboxStore"/> and a <see cref="ITicketNotifier"/> that tells nobody.
    /// </summary>
    public static IServiceCollection AddTicketOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(TicketOutbox)))
        {
            return services;
        }

        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITicketOutboxStore, MemoryTicketOutboxStore>();
        services.TryAddSingleton<ITicketNotifier, NoTicketNotifier>();
        services.TryAddSingleton<TicketOutbox>();
        services.TryAddSingleton<TicketOutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketOutboxWorker>());

        return services;
    }
}
