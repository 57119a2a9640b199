using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.State;
using TeamsItBot.Operations;
using TeamsItBot.Storage;
using TeamsItBot.Support.Conversation;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;
using TeamsItBot.Tests.Deployment;

namespace TeamsItBot.Tests.Architecture;

/// <summary>
/// What Program composes: each service one part owns is registered once, by that part, so nothing
/// decides what runs by removing or replacing another part's registration.
/// </summary>
public sealed class CompositionTests
{
    private static readonly string[] Overrides = [".RemoveAll<", "services.RemoveAll(", ".Replace(ServiceDescriptor", "services[index] ="];
    private static readonly string[] ProductFolders = ["Bot", "Framework", "Tickets", "LocalTracker"];

    public static TheoryData<Type> SingleOwnerServices =>
    [
        typeof(IStorage), typeof(ConversationState), typeof(KeyedLock), typeof(IActivityDeduplicator),
        typeof(ITicketOutboxStore), typeof(ITicketNotifier), typeof(TicketOutbox), typeof(ITicketService),
        typeof(IBot), typeof(BotMessageHandler), typeof(CloudAdapter), typeof(ConfigurationErrorReporter),
    ];

    [Theory]
    [MemberData(nameof(SingleOwnerServices))]
    public void The_app_registers_each_owned_service_exactly_once(Type service)
    {
        var registrations = AppRegistrations();

        Assert.Single(registrations, d => d.ServiceType == service);
    }

    [Fact]
    public void The_app_resolves_its_durable_stores_and_its_own_notifier()
    {
        // Tests default to Memory storage (TestStorageDefaults); this one asks for the production default.
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development")
            .UseSetting("Storage:Provider", "Sqlite")
            .UseSetting("BOT_DATA_DIR", Path.Combine(Path.GetTempPath(), "teamsitbot-comp-" + Guid.NewGuid().ToString("N")[..8])));

        Assert.IsType<SqliteStorage>(app.Services.GetRequiredService<IStorage>());
        Assert.IsType<SqliteTicketOutboxStore>(app.Services.GetRequiredService<ITicketOutboxStore>());
        Assert.IsType<SupportTicketNotifier>(app.Services.GetRequiredService<ITicketNotifier>());
    }

    [Fact]
    public void No_product_code_removes_or_replaces_a_registration()
    {
        var offenders = ProductFolders
            .SelectMany(part => Directory.EnumerateFiles(RepositoryFiles.PathOf(part), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(x => Overrides.Any(o => x.line.Contains(o, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(RepositoryFiles.Root, x.path)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Turn_telemetry_is_one_step_of_the_adapters_pipeline()
    {
        var registrations = AppRegistrations();

        Assert.Single(registrations, d => d.ServiceType == typeof(ITurnMiddleware) && d.ImplementationType == typeof(TurnTelemetryMiddleware));
    }

    /// <summary>Program's registrations, captured before the host is built (tests add nothing).</summary>
    private static List<ServiceDescriptor> AppRegistrations()
    {
        List<ServiceDescriptor>? captured = null;
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development")
            .UseSetting("BOT_DATA_DIR", Path.Combine(Path.GetTempPath(), "teamsitbot-comp-" + Guid.NewGuid().ToString("N")[..8]))
            .ConfigureTestServices(services => captured = [.. services]));
        _ = app.Services;
        return captured!;
    }
}
