using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights;

/// <summary>Erases kept text after <see cref="AnalyticsOptions.TextRetentionDays"/> and events after
/// <see cref="AnalyticsOptions.EventRetentionDays"/>: at start-up, then every <see cref="AnalyticsOptions.RetentionInterval"/>.</summary>
public sealed partial class OutcomeRetention(IOutcomeEventStore store, IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<OutcomeRetention> logger)
    : BackgroundService
{
    /// <summary>One pass; public for tests and for an admin's "apply now".</summary>
    public async Task<(int TextsErased, int EventsDeleted)> ApplyAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var result = await store.ApplyRetentionAsync(
            now.AddDays(-options.Value.TextRetentionDays), now.AddDays(-options.Value.EventRetentionDays), cancellationToken);
        if (result.TextsErased + result.EventsDeleted > 0)
        {
            LogApplied(result.TextsErased, result.EventsDeleted);
        }

        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        do
        {
            try
            {
                await ApplyAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics retention: erased the text of {Texts} events, deleted {Events} events")]
    private partial void LogApplied(int texts, int events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics retention failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
