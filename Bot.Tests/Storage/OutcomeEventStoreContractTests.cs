using TeamsItBot.Insights;
using TeamsItBot.Storage;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Storage;

/// <summary>The outcome events' store, against the in-memory one and each database.</summary>
public abstract class OutcomeEventStoreContractTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    protected virtual IOutcomeEventStore CreateStore() => new RelationalOutcomeEventStore(Database.Open([.. InsightsStorageMigrations.All]));

    [Fact]
    public async Task Events_read_back_field_for_field_in_time_order_and_a_repeated_id_is_stored_once()
    {
        var store = CreateStore();
        var later = Event("b", Now.AddMinutes(5), ProblemOutcome.TicketCreated) with
        {
            TenantId = "tenant-1", Language = "de", Topic = "vpn", Score = 4.5, Duration = TimeSpan.FromSeconds(93.5),
        };
        var earlier = Event("a", Now, ProblemOutcome.Unmatched) with { UnmatchedText = "drucker 'x'; DROP TABLE outcome_events; --", Surveyed = true };

        await store.AddAsync([later, earlier], Token);
        await store.AddAsync([earlier with { Outcome = ProblemOutcome.Solved }], Token);

        var read = await store.QueryAsync(Now.AddDays(-1), Now.AddDays(1), Token);
        Assert.Equal(2, read.Count);
        Assert.Equal(earlier, read[0]);
        Assert.Equal(later with { Duration = TimeSpan.FromMilliseconds(93_500) }, read[1]);
        Assert.Empty(await store.QueryAsync(Now.AddMinutes(6), Now.AddDays(1), Token));
    }

    [Fact]
    public async Task Feedback_is_set_once_and_only_by_the_events_user()
    {
        var store = CreateStore();
        await store.AddAsync([Event("e1", Now, ProblemOutcome.Solved) with { Surveyed = true }], Token);

        Assert.False(await store.SetFeedbackAsync("e1", "someone-else", FeedbackRating.Up, null, Token));
        Assert.False(await store.SetFeedbackAsync("missing", "user-hash", FeedbackRating.Up, null, Token));
        Assert.True(await store.SetFeedbackAsync("e1", "user-hash", FeedbackRating.Down, "too long", Token));
        Assert.False(await store.SetFeedbackAsync("e1", "user-hash", FeedbackRating.Up, "changed my mind", Token));

        var stored = Assert.Single(await store.QueryAsync(Now.AddDays(-1), Now.AddDays(1), Token));
        Assert.Equal(FeedbackRating.Down, stored.Feedback);
        Assert.Equal("too long", stored.FeedbackComment);
        Assert.Equal(Now, await store.LastSurveyedAsync("user-hash", Token));
        Assert.Null(await store.LastSurveyedAsync("someone-else", Token));
    }

    [Fact]
    public async Task Satisfaction_is_set_once_and_only_by_the_events_user()
    {
        var store = CreateStore();
        await store.AddAsync([Event("r1", Now, ProblemOutcome.TicketResolved) with { Surveyed = true }], Token);

        Assert.False(await store.SetSatisfactionAsync("r1", "someone-else", 1, Token));
        Assert.True(await store.SetSatisfactionAsync("r1", "user-hash", 4, Token));
        Assert.False(await store.SetSatisfactionAsync("r1", "user-hash", 2, Token));

        var stored = Assert.Single(await store.QueryAsync(Now.AddDays(-1), Now.AddDays(1), Token));
        Assert.Equal(4, stored.Satisfaction);
        Assert.Equal(ProblemOutcome.TicketResolved, stored.Outcome);
        Assert.Null(stored.Feedback);
    }

    [Fact]
    public async Task Retention_erases_old_text_and_deletes_old_events_and_keeps_recent_ones()
    {
        var store = CreateStore();
        await store.AddAsync(
        [
            Event("ancient", Now.AddDays(-400), ProblemOutcome.Solved),
            Event("old-text", Now.AddDays(-31), ProblemOutcome.Unmatched) with { UnmatchedText = "old problem", FeedbackComment = "old comment" },
            Event("recent-text", Now.AddDays(-29), ProblemOutcome.Unmatched) with { UnmatchedText = "recent problem" },
        ], Token);

        var (erased, deleted) = await store.ApplyRetentionAsync(Now.AddDays(-30), Now.AddDays(-365), Token);

        Assert.Equal((1, 1), (erased, deleted));
        var left = await store.QueryAsync(Now.AddYears(-2), Now, Token);
        Assert.Equal(["old-text", "recent-text"], left.Select(e => e.Id));
        Assert.Null(left[0].UnmatchedText);
        Assert.Null(left[0].FeedbackComment);
        Assert.Equal(ProblemOutcome.Unmatched, left[0].Outcome);
        Assert.Equal("recent problem", left[1].UnmatchedText);
    }

    private static OutcomeEvent Event(string id, DateTimeOffset time, ProblemOutcome outcome) =>
        new() { Id = id, Time = time, UserHash = "user-hash", Outcome = outcome };
}

public sealed class SqliteOutcomeEventStoreTests : OutcomeEventStoreContractTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

[Collection(PostgresTests.Name)]
public sealed class PostgresOutcomeEventStoreTests(PostgresServer server) : OutcomeEventStoreContractTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server, nameof(PostgresOutcomeEventStoreTests));
}

public sealed class MemoryOutcomeEventStoreTests : OutcomeEventStoreContractTests
{
    // The base class wants a database; this one only lets it create and delete its directory.
    protected override Task<TestDatabase> CreateDatabaseAsync()
    {
        var unused = new SqliteTestDatabase();
        unused.Open();
        return Task.FromResult<TestDatabase>(unused);
    }

    protected override IOutcomeEventStore CreateStore() => new MemoryOutcomeEventStore();
}
