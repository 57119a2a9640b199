using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using TeamsItBot.Framework.Auth;
using TeamsItBot.Framework.Connector;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Framework.State;

namespace TeamsItBot.Framework.Hosting;

public static partial class BotFrameworkServiceCollectionExtensions
{
    /// <summary>The longest Retry-After the connector client waits out itself before retrying.</summary>
    public static readonly TimeSpan MaxRetryAfterWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The protocol layer: options (root keys MicrosoftApp*), inbound auth, connector client with
    /// retries, de-duplication, conversation state with its per-conversation lock, the adapter and its
    /// middleware (<see cref="ITurnMiddleware"/> registrations). The app registers its own <see cref="IBot"/>.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkOptions>()
            .Bind(configuration)
            .PostConfigure(options => options.AllowedTenantIds = ReadList(configuration, nameof(BotFrameworkOptions.AllowedTenantIds)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrustedServiceUrls>(sp => new TrustedServiceUrls(sp.GetRequiredService<TimeProvider>())
        {
            AllowLoopback = !sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsAuthenticationEnabled,
        });
        // In-memory defaults; a storage provider registered before this call takes their place.
        services.TryAddSingleton<IActivityDeduplicator, MemoryActivityDeduplicator>();
        services.TryAddSingleton<IStorage, MemoryStorage>();
        services.TryAddSingleton<ConversationState>();
        services.TryAddSingleton<KeyedLock>();
        services.AddBotAuthentication();

        var connectorClient = services.AddHttpClient(ConnectorClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        connectorClient.AddResilienceHandler("bot-connector", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(400),
                MaxDelay = TimeSpan.FromSeconds(20),
                ShouldRetryAfterHeader = true,
                // Only statuses where the contract says the request was not acted on; a POST
                // that failed with 500 or a dropped connection may have been delivered.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } result
                    && result.StatusCode is System.Net.HttpStatusCode.PreconditionFailed or System.Net.HttpStatusCode.TooManyRequests
                        or System.Net.HttpStatusCode.BadGateway or System.Net.HttpStatusCode.ServiceUnavailable
                        or System.Net.HttpStatusCode.GatewayTimeout
                    // A long Retry-After is not waited out here: the caller (a turn Teams is timing)
                    // gets the 429 with its Retry-After at once and can send later instead.
                    && !(ConnectorClient.ReadRetryAfter(result) > MaxRetryAfterWait)),
            }));
        // Inside the retries: it sees each attempt's 429 and holds the conversation's other sends.
        connectorClient.AddHttpMessageHandler<ConnectorThrottleHandler>();
        services.TryAddSingleton(sp => new ConnectorThrottle(
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.ConnectorRateLimits,
            sp.GetRequiredService<TimeProvider>(),
            MaxRetryAfterWait));
        services.TryAddTransient<ConnectorThrottleHandler>();
        services.TryAddSingleton<IConnectorClientFactory, ConnectorClientFactory>();

        services.TryAddSingleton(sp =>
        {
            var adapter = new CloudAdapter(sp.GetRequiredService<IConnectorClientFactory>())
            {
                OnTurnError = CreateTurnErrorHandler(sp.GetRequiredService<ILoggerFactory>().CreateLogger<CloudAdapter>()),
            };
            foreach (var middleware in sp.GetServices<ITurnMiddleware>())
            {
                adapter.Use(middleware);
            }

            return adapter;
        });
        services.TryAddSingleton<BotMessageHandler>();
        return services;
    }

    public static IEndpointConventionBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("TeamsItBot.Framework");
        if (options.IsAuthenticationEnabled)
        {
            LogAuthenticated(logger, options.MicrosoftAppType);
        }
        else
        {
            LogLocalMode(logger);
        }

        return endpoints.MapPost("/api/messages", (HttpContext http, BotMessageHandler handler) => handler.HandleAsync(http));
    }

    private static List<string> ReadList(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).ToList();
        values.Add(section.Value);
        return [.. values
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static Func<ITurnContext, Exception, Task> CreateTurnErrorHandler(ILogger logger) => async (turnContext, exception) =>
    {
        // The user should never be left without an answer; the host logs the exception itself.
        if (turnContext.Activity.IsType(ActivityTypes.Message) || turnContext.Activity.IsType(ActivityTypes.Invoke))
        {
            try
            {
                await turnContext.SendActivityAsync("Sorry, something went wrong on my side. Please try again in a moment.");
            }
            catch (Exception sendFailure)
            {
                LogApologyFailed(logger, sendFailure, turnContext.Activity.Id);
            }
        }
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "LOCAL DEVELOPMENT MODE: no MicrosoftAppId is configured, so /api/messages accepts anonymous requests and replies carry no token. Never expose this instance publicly.")]
    private static partial void LogLocalMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework authentication is on ({AppType})")]
    private static partial void LogAuthenticated(ILogger logger, string appType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the apology for failed activity {ActivityId}")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, string? activityId);
}
