using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeamsItBot.Support;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Operations;

/// <summary>What a new user sees in the console for an ordinary session: no noise at Information, no stack traces at stop.</summary>
public sealed class QuietLogTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ticket_and_a_stop_in_local_mode_log_no_polly_attempts_and_no_shutdown_warning()
    {
        await using var connector = await FakeConnector.StartAsync(cancellationToken: Token);
        var app = new BotApplicationFactory(sp => ActivatorUtilities.CreateInstance<ItSupportBot>(sp));
        app.Settings["Storage:Provider"] = "Memory";
        foreach (var text in new[] { "Teams is not working", "still not working", "yes" })
        {
            using var response = await app.PostActivityAsync(TestActivities.Message(connector.ServiceUrl, text), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Contains(connector.Activities, a => a.Text?.StartsWith("Created ticket ITSUPPORT-", StringComparison.Ordinal) == true);
        await app.DisposeAsync();

        var entries = app.Logs.Entries;
        Assert.DoesNotContain(entries, e => e.Category.StartsWith("Polly", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
        Assert.DoesNotContain(entries, e => e.Message.Contains("Execution attempt", StringComparison.Ordinal));
        Assert.False(entries.Any(e => e.Message.Contains("shutdown failed", StringComparison.OrdinalIgnoreCase)),
            string.Join("\n", entries.Where(e => e.Message.Contains("shutdown failed", StringComparison.OrdinalIgnoreCase) || e.Category.Contains("Lifetime", StringComparison.Ordinal))
                .Select(e => $"{e.Category} {e.Level} {e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}")));
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("ModelContextProtocol", StringComparison.Ordinal));
    }
}
