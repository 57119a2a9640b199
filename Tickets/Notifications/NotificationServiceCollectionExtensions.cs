using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tickets.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The readiness tag of the host's /readyz (Operations' ReadyTag; Tickets cannot reference Operations).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Change notifications: tracking of filed tickets, the poller, the notice worker and the
    /// "ticket-poller" readiness check. The stores (<see cref="ITrackedTicketStore"/>,
    /// <see cref="IChangeNoticeStore"/>) come from Storage and the <see cref="IChangeNoticeSender"/> from
    /// the conversation layer; a host without them simply has no notifications.
    /// </summary>
    internal static IServiceCollection AddTicketNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TicketPollerStatus>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITicketCreatedListener, TicketTracking>());
        if (services.Any(d => d.ServiceType == typeof(TicketChangePoller)))
        {
            return services;
        }

        services.AddSingleton<TicketChangePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketChangePoller>());
        services.AddSingleton<ChangeNoticeWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeNoticeWorker>());
        services.AddHealthChecks().AddCheck<TicketPollerHealthCheck>("ticket-poller", tags: [ReadyTag]);
        return services;
    }
}
