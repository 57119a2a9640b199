using Microsoft.Extensions.Options;
using TeamsItBot.LocalTracker;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot;

/// <summary>
/// Where the ticket part and the local tracker meet, in the only project that knows both: the
/// ticket part owns MCP_ATLASSIAN_URL and so decides whether an external tracker exists; the local
/// tracker runs only when there is none (and it is switched on), and tells the ticket part its
/// route prefix and access key from its own options, bound once in <c>AddLocalTracker</c>.
/// </summary>
public static class LocalTrackerComposition
{
    public static IServiceCollection AddLocalTrackerForTickets(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var external = TicketOptions.HasExternalTracker(configuration);
        services.AddLocalTracker(configuration, environment, external);
        if (!LocalTrackerExtensions.IsLocalTrackerEnabled(configuration, environment, external))
        {
            services.Configure<TicketOptions>(tickets => tickets.LocalTrackerEnabled = false);
            return services;
        }

        services.AddOptions<TicketOptions>().Configure<IOptions<LocalTrackerOptions>>((tickets, tracker) =>
        {
            tickets.LocalTrackerEnabled = true;
            tickets.LocalTrackerPath = LocalTrackerOptions.BasePath;
            tickets.LocalTrackerAccessKey = tracker.Value.AccessKey;
        });
        if (string.IsNullOrWhiteSpace(configuration[LocalTrackerOptions.AttachmentDirectoryKey]))
        {
            // The bot writes its evidence there: the embedded tracker reads the files from the same place.
            services.AddOptions<LocalTrackerOptions>().Configure<IOptions<EvidenceOptions>>((tracker, evidence) =>
            {
                if (!string.IsNullOrWhiteSpace(evidence.Value.Directory)) tracker.AttachmentDirectory = evidence.Value.Directory;
            });
        }

        return services;
    }
}
