using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamsItBot.Tickets.FollowUp;

public static class FollowUpServiceCollectionExtensions
{
    /// <summary>Tickets:FollowUp options (validated at start-up) and <see cref="ITicketFollowUpService"/>.</summary>
    public static IServiceCollection AddTicketFollowUp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FollowUpOptions>()
            .Bind(configuration.GetSection(FollowUpOptions.SectionName))
            .Validate(o => o.MaxCommentLength is >= 100 and <= 30000, "Tickets:FollowUp:MaxCommentLength must be 100..30000")
            .Validate(o => o.PollIntervalSeconds is >= 1 and <= 3600, "Tickets:FollowUp:PollIntervalSeconds must be 1..3600")
            .Validate(o => o.OverlapMinutes is >= 1 and <= 1440, "Tickets:FollowUp:OverlapMinutes must be 1..1440")
            .Validate(o => o.InitialLookbackMinutes is >= 1 and <= 43200, "Tickets:FollowUp:InitialLookbackMinutes must be 1..43200")
            .Validate(o => o.BatchSize is >= 1 and <= 5000, "Tickets:FollowUp:BatchSize must be 1..5000")
            .Validate(o => o.ClosedRetentionDays is >= 1 and <= 3650, "Tickets:FollowUp:ClosedRetentionDays must be 1..3650")
            .ValidateOnStart();
        services.TryAddSingleton<ITicketFollowUpService, McpTicketFollowUpService>();
        return services;
    }
}
