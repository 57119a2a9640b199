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
        services.TryAddSingleton(sp => new TopicMatcher(
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>().Value.MinimumScore));
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {TopicCount} knowledge base topics from {Source}")]
    private static partial void LogLoaded(ILogger logger, int topicCount, string source);
}
