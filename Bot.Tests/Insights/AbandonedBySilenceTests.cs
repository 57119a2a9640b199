using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.State;
using TeamsItBot.Insights;
using TeamsItBot.Tests.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Insights;

/// <summary>A problem left mid-troubleshooting (steps shown, no answer) for the configured time ends as abandoned, once.</summary>
public sealed class AbandonedBySilenceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(29, false)]
    [InlineData(31, true)]
    public async Task Silence_past_the_limit_records_the_open_problem_as_abandoned_on_the_next_turn(int silentMinutes, bool abandoned)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var bot = new SupportBot(configure: s => s.AddSingleton<TimeProvider>(clock));
        var adapter = new TestAdapter("msteams");
        await bot.Flow(adapter)
            .Send("vpn wont connect")
            .AssertReply(a => Assert.Contains("VPN", a.Text))
            .AssertReply(a => Assert.NotNull(a.Attachments))
            .StartTestAsync(Token);
        clock.Advance(TimeSpan.FromMinutes(silentMinutes));

        await bot.Flow(adapter)
            .Send("didn't help")
            .AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a)))
            .StartTestAsync(Token);
        // Give the writer a moment: an event that should not exist must have had the chance to appear.
        await Task.Delay(300, Token);

        var events = await bot.WaitForEventsAsync(abandoned ? 1 : 0);
        Assert.Equal(abandoned ? [("vpn", ProblemOutcome.Abandoned)] : [], events.Select(e => (e.Topic, e.Outcome)));
    }

    [Fact]
    public async Task The_silence_survives_a_restart_and_the_problem_is_recorded_abandoned_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var storage = new MemoryStorage();
        var adapter = new TestAdapter("msteams");
        await using (var first = new SupportBot(configure: s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IStorage>(storage)))
        {
            await first.Flow(adapter)
                .Send("vpn wont connect")
                .AssertReply(a => Assert.Contains("VPN", a.Text))
                .AssertReply(a => Assert.NotNull(a.Attachments))
                .StartTestAsync(Token);
        }

        // A new process with the same state: 20 quiet minutes are not yet abandonment.
        await using var second = new SupportBot(configure: s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IStorage>(storage));
        clock.Advance(TimeSpan.FromMinutes(20));
        await second.Flow(adapter).Send("didn't help").AssertReply(a => Assert.True(SupportBot.IsConfirmCard(a))).StartTestAsync(Token);
        await Task.Delay(300, Token);
        Assert.Empty(await second.WaitForEventsAsync(0));

        clock.Advance(TimeSpan.FromMinutes(31));
        await second.Flow(adapter).Send("no").AssertReply(_ => { }).StartTestAsync(Token);
        clock.Advance(TimeSpan.FromMinutes(31));
        await second.Flow(adapter).Send("outlook wont sync at all").AssertReply(_ => { }).AssertReply(_ => { }).StartTestAsync(Token);
        await Task.Delay(300, Token);

        var events = await second.WaitForEventsAsync(2);
        var abandoned = Assert.Single(events, e => e.Outcome == ProblemOutcome.Abandoned);
        Assert.Equal("vpn", abandoned.Topic);
        Assert.Equal(TimeSpan.FromMinutes(51), abandoned.Duration);
        Assert.Equal([ProblemOutcome.Abandoned, ProblemOutcome.Declined], events.Select(e => e.Outcome));
    }
}
