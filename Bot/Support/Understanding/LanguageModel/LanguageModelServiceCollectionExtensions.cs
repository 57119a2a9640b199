using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Support.Understanding.LanguageModel;

public static class LanguageModelServiceCollectionExtensions
{
    /// <summary>The optional language model (section <c>AI</c>), validated at start-up; without an endpoint it does nothing.</summary>
    public static IServiceCollection AddLanguageModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LanguageModelOptions>()
            .Bind(configuration.GetSection(LanguageModelOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LanguageModelOptions>, LanguageModelOptionsValidator>());
        services.TryAddSingleton<LanguageModelChooser>();
        return services;
    }
}
