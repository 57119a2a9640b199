using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsItBot.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Outcome events (section <c>Analytics</c>): the recorder the conversation calls, its background
    /// writer, retention, and an in-memory store unless Storage registers a database one.
    /// </summary>
    public static IServiceCollection AddInsights(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AnalyticsOptions>()
            .Bind(configuration.GetSection(AnalyticsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOutcomeEventStore, MemoryOutcomeEventStore>();
        services.TryAddSingleton<UserHasher>();
        services.TryAddSingleton<OutcomeRecorder>();
        services.TryAddSingleton<IOutcomeRecorder>(sp => sp.GetRequiredService<OutcomeRecorder>());
        services.TryAddSingleton<OutcomeWriter>();
        services.TryAddSingleton<OutcomeRetention>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutcomeWriter>(sp => sp.GetRequiredService<OutcomeWriter>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutcomeRetention>(sp => sp.GetRequiredService<OutcomeRetention>()));
        return services;
    }
}
