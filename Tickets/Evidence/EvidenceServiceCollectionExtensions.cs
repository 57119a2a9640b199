using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Tickets.Evidence;

public static class EvidenceServiceCollectionExtensions
{
    /// <summary>The options of the evidence on tickets (Tickets:Evidence), with defaults for the deployment, validated at start-up.</summary>
    internal static IServiceCollection AddTicketEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EvidenceOptions>()
            .Bind(configuration.GetSection(EvidenceOptions.SectionName))
            .PostConfigure(options =>
            {
                var dataDirectory = string.IsNullOrWhiteSpace(configuration["BOT_DATA_DIR"])
                    ? Path.Combine(AppContext.BaseDirectory, "data")
                    : configuration["BOT_DATA_DIR"]!.Trim();
                if (string.IsNullOrWhiteSpace(options.Directory))
                {
                    options.Directory = Path.Combine(dataDirectory, "evidence");
                }

                options.Directory = Path.GetFullPath(options.Directory);
                // Bound lists append to their defaults, so the defaults are filled in only when nothing was configured.
                if (options.AllowedTypes.Count == 0) options.AllowedTypes = [.. EvidenceOptions.DefaultAllowedTypes];
                if (options.TrustedDownloadHosts.Count == 0) options.TrustedDownloadHosts = [.. EvidenceOptions.DefaultTrustedHosts];
                if (options.FileConsentHosts.Count == 0) options.FileConsentHosts = [.. EvidenceOptions.DefaultFileConsentHosts];
                if (string.IsNullOrWhiteSpace(options.ServerDirectory))
                {
                    // The embedded tracker shares the bot's disk; mcp-atlassian sees the volume under its /app.
                    options.ServerDirectory = !TicketOptions.HasExternalTracker(configuration) ? options.Directory : "/app/evidence";
                }
            })
            .Validate(o => o.MaxFileMegabytes is >= 1 and <= 100, "Tickets:Evidence:MaxFileMegabytes must be between 1 and 100")
            .Validate(o => o.MaxFiles is >= 0 and <= 50, "Tickets:Evidence:MaxFiles must be between 0 and 50")
            .Validate(o => o.MaxTranscriptTurns is >= 10 and <= 1000, "Tickets:Evidence:MaxTranscriptTurns must be between 10 and 1000")
            .Validate(o => o.AllowedTypes.All(t => EvidenceOptions.DefaultAllowedTypes.Contains(t.Trim(), StringComparer.OrdinalIgnoreCase)),
                $"Tickets:Evidence:AllowedTypes may only name {string.Join(", ", EvidenceOptions.DefaultAllowedTypes)}")
            .ValidateOnStart();
        return services;
    }
}
