using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Support.KnowledgeBase;

public static partial class KnowledgeBaseServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge base (section <c>KnowledgeBase</c>: Path, MinimumScore), validated at start-up, and
    /// the <see cref="TopicMatcher"/> over it; both singletons.
    /// </summary>
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KnowledgeBaseOptions>()
            .Bind(configuration.GetSection(KnowledgeBaseOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeBaseOptions>, KnowledgeBaseOptionsValidator>());

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;
            var knowledgeBase = KnowledgeBaseLoader.Load(options.Path);
            var logger = sp.GetRequiredService<ILogger<KnowledgeBase>>();
            var topicCount = knowledgeBase.Topics.Count;
            LogLoaded(logger, topicCount, knowledgeBase.Source);
            return knowledgeBase;
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;
            return LoadSet(options.Path, sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<ILogger<KnowledgeBase>>());
        });
        services.TryAddSingleton(sp => new TopicMatcher(
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value.MinimumScore));
        return services;
    }

    /// <summary>The English knowledge base with the translations found beside it (knowledge-base.de.json, ...).</summary>
    public static KnowledgeBaseSet LoadSet(string path, KnowledgeBase english, ILogger? logger = null)
    {
        var translations = new Dictionary<string, KnowledgeBase>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in Understanding.LanguageDetector.Supported.Where(l => l != Understanding.LanguageDetector.English))
        {
            var file = KnowledgeBaseTranslations.PathFor(path, language);
            if (KnowledgeBaseTranslations.Load(file, english, language) is { } translated)
            {
                translations[language] = translated;
                if (logger is not null)
                {
                    var count = translated.Topics.Count(t => t.Language == language);
                    LogTranslation(logger, language, count, translated.Topics.Count, file);
                }
            }
        }

        return new KnowledgeBaseSet(english, translations);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge base in {Language}: {TranslatedCount} of {TopicCount} guides translated ({Source})")]
    private static partial void LogTranslation(ILogger logger, string language, int translatedCount, int topicCount, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {TopicCount} knowledge base topics from {Source}")]
    private static partial void LogLoaded(ILogger logger, int topicCount, string source);
}
