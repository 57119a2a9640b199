using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsItBot.Support.KnowledgeBase;

namespace TeamsItBot.Support.Understanding;

public static partial class UnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// The intent files beside the knowledge base (intents.json, intents.de.json, ...), the per-language topic
    /// index built once at start-up, and the <see cref="Understander"/> over both; singletons.
    /// </summary>
    public static IServiceCollection AddUnderstanding(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => IntentCatalog.Load(IntentCatalog.PathBeside(sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value.Path)));
        services.TryAddSingleton(sp =>
        {
            var index = new TopicIndex(sp.GetRequiredService<KnowledgeBaseSet>(), sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value.MinimumScore);
            var milliseconds = index.BuildTime.TotalMilliseconds;
            var kilobytes = index.BuildAllocatedBytes / 1024;
            var logger = sp.GetRequiredService<ILogger<TopicIndex>>();
            LogIndexBuilt(logger, milliseconds, kilobytes);
            return index;
        });
        services.TryAddSingleton<Understander>();
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Topic index for en/de/fr/es built in {Milliseconds:F1} ms ({Kilobytes} KB allocated)")]
    private static partial void LogIndexBuilt(ILogger logger, double milliseconds, long kilobytes);
}
