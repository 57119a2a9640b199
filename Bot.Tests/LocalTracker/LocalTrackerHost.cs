using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using TeamsItBot.LocalTracker;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.LocalTracker;

/// <summary>
/// The bot's ticket wiring in local-tracker mode on a real port: AddTickets + AddLocalTrackerForTickets +
/// MapLocalTracker, no MCP_ATLASSIAN_URL and no Bot:PublicBaseUrl (the Kestrel address is used).
/// </summary>
internal sealed class LocalTrackerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalTrackerHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ITicketService Tickets => _app.Services.GetRequiredService<ITicketService>();

    public TeamsItBot.Tickets.FollowUp.ITicketFollowUpService FollowUp => _app.Services.GetRequiredService<TeamsItBot.Tickets.FollowUp.ITicketFollowUpService>();

    public static async Task<LocalTrackerHost> StartAsync(
        string dataDirectory, IDictionary<string, string?>? settings = null, string environment = "Development", ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BOT_DATA_DIR"] = dataDirectory,
            ["Tickets:Labels"] = "it-bot",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTickets(builder.Configuration);
        builder.Services.AddSingleton<ITicketNotifier, NullTicketNotifier>();
        builder.Services.AddLocalTrackerForTickets(builder.Configuration, builder.Environment);
        var app = builder.Build();
        app.MapLocalTracker();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalTrackerHost(app, new Uri(address));
    }

    public async Task<McpClient> ConnectAsync(CancellationToken cancellationToken) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(BaseUrl, "/local-jira/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
            }),
            new McpClientOptions { ProtocolVersion = "2025-11-25" },
            cancellationToken: cancellationToken);

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "teamsitbot-tests", Guid.NewGuid().ToString("n"));

    public static void DeleteDataDirectory(string path)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
