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
    /// index built at start-up and rebuilt on each knowledge-base reload, and the <see cref="Understander"/>
    /// over both; singletons.
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
        services.TryAddSingleton(sp =>
        {
            var live = new LiveTopicIndex(sp.GetRequiredService<TopicIndex>());
            var options = sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;
            var logger = sp.GetRequiredService<ILogger<TopicIndex>>();
            sp.GetRequiredService<KnowledgeBaseWatcher>().Reloaded += loaded => Rebuild(live, loaded, options, logger);
            return live;
        });
        services.TryAddSingleton<Understander>();
        return services;
    }

    /// <summary>The reloaded guides with their translations as a new index, swapped in once complete; a refused translation keeps the old index.</summary>
    private static void Rebuild(LiveTopicIndex live, LoadedKnowledgeBase loaded, KnowledgeBaseOptions options, ILogger logger)
    {
        try
        {
            var set = KnowledgeBaseServiceCollectionExtensions.LoadSet(options.Path, loaded.KnowledgeBase, logger);
            var index = new TopicIndex(set, options.MinimumScore);
            live.Replace(index);
            var milliseconds = index.BuildTime.TotalMilliseconds;
            var kilobytes = index.BuildAllocatedBytes / 1024;
            LogIndexRebuilt(logger, loaded.Version, milliseconds, kilobytes);
        }
        catch (KnowledgeBaseException e)
        {
            LogRebuildRefused(logger, loaded.Version, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Topic index for en/de/fr/es built in {Milliseconds:F1} ms ({Kilobytes} KB allocated)")]
    private static partial void LogIndexBuilt(ILogger logger, double milliseconds, long kilobytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Topic index rebuilt for knowledge base version {Version} in {Milliseconds:F1} ms ({Kilobytes} KB allocated); conversations use it from the next message")]
    private static partial void LogIndexRebuilt(ILogger logger, string version, double milliseconds, long kilobytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge base version {Version} not used by conversations, a translation was refused; the previous index keeps serving: {Problem}")]
    private static partial void LogRebuildRefused(ILogger logger, string version, string problem);
}
