using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TeamsItBot.Insights.Access;
using TeamsItBot.Insights.Dashboard;

namespace TeamsItBot.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Outcome events (section <c>Analytics</c>): the recorder the conversation calls, its background
    /// writer, retention, and an in-memory store unless Storage registers a database one; the admin
    /// dashboard's pages and access (section <c>Admin</c>).
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

        services.AddAdminAccess(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AdminTokenAnnouncer>());
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Insights/Pages";
            pages.Conventions.AuthorizeFolder("/", AdminPolicy.Name);
        });
        return services;
    }

    /// <summary>The dashboard at <c>/admin</c>, its CSV export and JSON summary, and Entra sign-in.</summary>
    public static WebApplication MapInsights(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        app.MapAdminEndpoints();
        return app;
    }
}
