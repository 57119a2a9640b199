using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets.Outbox;

internal static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// The ticket outbox: options (section Outbox, validated at start-up), <see cref="TicketOutbox"/>, the
    /// background <see cref="TicketOutboxWorker"/> and an in-memory <see cref="ITicketOutboxStore"/> unless a
    /// storage provider registered one first. The host supplies the <see cref="ITicketNotifier"/> that
    /// carries background notices to the user (the ticket part knows nothing of Teams).
    /// </summary>
    internal static IServiceCollection AddTicketOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITicketOutboxStore, MemoryTicketOutboxStore>();
        services.TryAddSingleton<TicketOutbox>();
        services.TryAddSingleton<TicketOutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketOutboxWorker>());

        return services;
    }
}
