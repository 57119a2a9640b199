using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// The real app (Program) on a real Kestrel port (127.0.0.1, dynamic) with the test's own
/// <see cref="IBot"/>. Defaults to local mode: Development, no MicrosoftAppId. Set
/// <see cref="Settings"/> and call <see cref="ConfigureServices"/> before the first client;
/// services registered there replace the app's (they run after Program's registrations).
/// </summary>
public sealed class BotApplicationFactory : WebApplicationFactory<Program>
{
    private readonly Func<IServiceProvider, IBot> _bot;
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];

    public BotApplicationFactory(IBot bot)
        : this(_ => bot)
    {
    }

    public BotApplicationFactory(Func<IServiceProvider, IBot> bot)
    {
        _bot = bot;
        // Not UseKestrel(0): that variant rewrites the server addresses while Program's own
        // app.Run() may already be starting the host, which fails now and then. An explicit
        // endpoint needs no rewrite.
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Configuration the app sees on top of its own (the same keys as environment variables).</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["MicrosoftAppId"] = string.Empty,
        ["MicrosoftAppPassword"] = string.Empty,
        ["MicrosoftAppTenantId"] = string.Empty,
        ["AllowedTenantIds"] = string.Empty,
    };

    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Every log event of the app.</summary>
    public TestLogSink Logs { get; } = new();

    /// <summary>The app's base address once started, e.g. http://127.0.0.1:5123/.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new Uri(address.Replace("://localhost:", "://127.0.0.1:", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    public BotApplicationFactory ConfigureServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    /// <summary>A plain HttpClient (no test handlers) aimed at the app over the socket.</summary>
    public HttpClient CreateBotClient() => new() { BaseAddress = ServerAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>POSTs an activity to /api/messages the way the connector does.</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        using var client = CreateBotClient();
        return await client.PostAsJsonAsync("api/messages", activity, BotJson.Options, cancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IBot>();
            services.AddSingleton(_bot);
            foreach (var configure in _serviceOverrides)
            {
                configure(services);
            }
        });
    }
}
