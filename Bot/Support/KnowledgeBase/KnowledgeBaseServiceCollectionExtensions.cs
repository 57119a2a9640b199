using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Support.KnowledgeBase;

public static class KnowledgeBaseServiceCollectionExtensions
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
        return services;
    }

}
