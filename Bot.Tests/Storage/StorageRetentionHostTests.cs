using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.State;
using TeamsItBot.Storage;
using TeamsItBot.Tickets;
using TeamsItBot.Tickets.Outbox;

namespace TeamsItBot.Tests.Storage;

/// <summary>Retention as AddBotStorage wires it: configuration, start-up validation, the hosted sweep.</summary>
public sealed class StorageRetentionHostTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-retention-" + Guid.NewGuid().ToString("N")[..8]);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Defaults_keep_settled_outbox_rows_30_days_and_idle_state_90_days()
    {
        using var services = Services([]);

        var options = services.GetRequiredService<IOptions<StorageRetentionOptions>>().Value;

        Assert.Equal((true, 30d, 90d, 500), (options.Enabled, options.OutboxDays, options.ConversationDays, options.ChunkSize));
        Assert.Equal(TimeSpan.FromHours(1), options.SweepInterval);
    }

    [Fact]
    public void Environment_style_settings_are_bound()
    {
        using var services = Services(new()
        {
            ["Storage:Retention:OutboxDays"] = "7",
            ["Storage:Retention:ConversationDays"] = "0.5",
            ["Storage:Retention:SweepInterval"] = "00:05:00",
            ["Storage:Retention:ChunkSize"] = "100",
        });

        var options = services.GetRequiredService<IOptions<StorageRetentionOptions>>().Value;

        Assert.Equal((7d, 0.5d, TimeSpan.FromMinutes(5), 100), (options.OutboxDays, options.ConversationDays, options.SweepInterval, options.ChunkSize));
    }

    [Theory]
    [InlineData("OutboxDays", "0")]
    [InlineData("OutboxDays", "-3")]
    [InlineData("OutboxDays", "NaN")]
    [InlineData("ConversationDays", "0")]
    [InlineData("ConversationDays", "1000000")]
    [InlineData("SweepInterval", "00:00:00")]
    [InlineData("SweepInterval", "30.00:00:00")]
    [InlineData("ChunkSize", "0")]
    [InlineData("ChunkSize", "100000")]
    [InlineData("ChunkPause", "-00:00:01")]
    public async Task An_unusable_setting_stops_start_up_naming_it(string setting, string value)
    {
        using var host = Host(new() { [$"Storage:Retention:{setting}"] = value }, new FakeTimeProvider(DateTimeOffset.UtcNow));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains($"Storage__Retention__{setting}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_sweeps_expired_sqlite_rows_in_the_background()
    {
        var now = new DateTimeOffset(2031, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now - TimeSpan.FromDays(91));
        using var host = Host(new() { ["Storage:Retention:SweepInterval"] = "00:10:00" }, time);
        await host.StartAsync(Token);
        var storage = host.Services.GetRequiredService<IStorage>();
        var outbox = host.Services.GetRequiredService<ITicketOutboxStore>();
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["msteams/conversations/idle"] = new(new JsonObject(), "*") }, Token);
        var draft = new TicketDraft("old-ticket", "Printer offline", [], "Ann", "oid");
        await outbox.AddIfAbsentAsync(OutboxItem.New(draft, null, now - TimeSpan.FromDays(31)) with { Status = OutboxStatus.Created, TicketKey = "IT-3" }, Token);
        await outbox.AddIfAbsentAsync(OutboxItem.New(draft with { Id = "waiting" }, null, now - TimeSpan.FromDays(31)), Token);
        time.SetUtcNow(now);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["msteams/conversations/active"] = new(new JsonObject(), "*") }, Token);

        var sweeper = host.Services.GetRequiredService<StorageRetentionSweeper>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (sweeper.Sweeps == 0 && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(25, Token);
        }

        Assert.True(sweeper.Sweeps > 0, "the hosted sweep never ran");
        Assert.Null(await outbox.GetAsync("old-ticket", Token));
        Assert.NotNull(await outbox.GetAsync("waiting", Token));
        Assert.Equal(["msteams/conversations/active"], (await storage.ReadAsync(["msteams/conversations/idle", "msteams/conversations/active"], Token)).Keys);
        await host.StopAsync(Token);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddBotStorage(Configuration(settings)).BuildServiceProvider();

    private IHost Host(Dictionary<string, string?> settings, TimeProvider time)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(time);
        builder.Services.AddBotStorage(Configuration(settings));
        return builder.Build();
    }

    private IConfiguration Configuration(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Storage:Provider", "Sqlite");
        settings.TryAdd("BOT_DATA_DIR", _directory);
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
