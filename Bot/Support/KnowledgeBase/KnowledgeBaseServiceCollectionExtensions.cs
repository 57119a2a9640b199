using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Support.KnowledgeBase;

public static partial class KnowledgeBaseServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge base (section <c>KnowledgeBase</c>: Path, MinimumScore), validated at start-up and
    /// reloaded when the file changes (<see cref="IKnowledgeBaseProvider"/>), with the <see cref="TopicMatcher"/> over it.
    /// </summary>
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KnowledgeBaseOptions>()
            .Bind(configuration.GetSection(KnowledgeBaseOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeBaseOptions>, KnowledgeBaseOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KnowledgeBaseWatcher>();
        services.TryAddSingleton<IKnowledgeBaseProvider>(sp => sp.GetRequiredService<KnowledgeBaseWatcher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KnowledgeBaseWatcher>(sp => sp.GetRequiredService<KnowledgeBaseWatcher>()));

        // The version loaded at start-up, for code that does not follow reloads; dialogs read the provider.
        services.TryAddSingleton(sp => sp.GetRequiredService<IKnowledgeBaseProvider>().Current.KnowledgeBase);
        services.TryAddSingleton(sp => sp.GetRequiredService<IKnowledgeBaseProvider>().Current.Matcher);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value;
            return LoadSet(options.Path, sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<ILogger<KnowledgeBase>>());
        });
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
