using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Insights;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Insights;

/// <summary>Retention in the running app on its SQLite file, seen through the CSV export.</summary>
public sealed class RetentionOverHttpTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("teamsitbot-retention-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kept_text_is_erased_after_the_text_retention_and_events_after_the_event_retention()
    {
        await using var app = AdminAccessTests.DevelopmentApp();
        app.Settings["Storage:Provider"] = "Sqlite";
        app.Settings["BOT_DATA_DIR"] = _dataDirectory;
        app.Settings["Analytics:TextRetentionDays"] = "7";
        app.Settings["Analytics:EventRetentionDays"] = "90";
        using var client = AdminAccessTests.NoRedirects(app);
        var store = app.Services.GetRequiredService<IOutcomeEventStore>();
        Assert.IsNotType<MemoryOutcomeEventStore>(store);
        var now = DateTimeOffset.UtcNow;
        await store.AddAsync(
        [
            Event("gone", now.AddDays(-100), "too old to keep at all"),
            Event("erased", now.AddDays(-8), "older than a week"),
            Event("kept", now.AddDays(-6), "six days old"),
        ], Token);

        var (erased, deleted) = await app.Services.GetRequiredService<OutcomeRetention>().ApplyAsync(Token);

        Assert.Equal((1, 1), (erased, deleted));
        var csv = await (await client.SendAsync(AdminAccessTests.AsAdmin("admin/events.csv?days=365"), Token)).Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain("gone", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("older than a week", csv, StringComparison.Ordinal);
        Assert.Contains("erased,", csv, StringComparison.Ordinal);
        Assert.Contains("six days old", csv, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static OutcomeEvent Event(string id, DateTimeOffset time, string text) =>
        new() { Id = id, Time = time, UserHash = "user-hash", Outcome = ProblemOutcome.Unmatched, UnmatchedText = text };
}
