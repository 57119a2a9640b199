using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.Hosting;

/// <summary>Redeliveries of the same (conversation.id, activity.id) run the turn once.</summary>
public sealed class DeduplicationTests
{
    private const string ServiceUrl = "http://127.0.0.1:9/";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Same_activity_posted_twice_runs_once_and_both_get_200()
    {
        var bot = new DelegateBot();
        await using var host = new BotApplicationFactory(bot);
        var activity = TestActivities.Message(ServiceUrl, id: "1234567890");

        using var first = await host.PostActivityAsync(activity, Token);
        using var second = await host.PostActivityAsync(activity, Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task Same_activity_posted_concurrently_runs_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new DelegateBot((_, _) => release.Task);
        await using var host = new BotApplicationFactory(bot);
        var activity = TestActivities.Message(ServiceUrl);

        var first = host.PostActivityAsync(activity, Token);
        var second = host.PostActivityAsync(activity, Token);
        await WaitUntilAsync(() => bot.Turns == 1 && host.Logs.Entries.Any(e => e.Message.Contains("redelivery", StringComparison.Ordinal)));
        release.SetResult();
        using var firstResponse = await first;
        using var secondResponse = await second;

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task Redelivered_invoke_replays_the_first_invoke_response()
    {
        var turns = 0;
        var bot = new DelegateBot((turn, ct) =>
            turn.SetInvokeResponseAsync(new InvokeResponse(200, AdaptiveCardInvokeResponse.Message($"ticket #{Interlocked.Increment(ref turns)}")), ct));
        await using var host = new BotApplicationFactory(bot);
        var invoke = TestActivities.Invoke(ServiceUrl, ActivityHandler.AdaptiveCardActionInvoke, new { action = new { type = "Action.Execute", verb = "create" } });

        using var first = await host.PostActivityAsync(invoke, Token);
        using var second = await host.PostActivityAsync(invoke, Token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Token), await second.Content.ReadAsStringAsync(Token));
        using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Token));
        Assert.Equal("ticket #1", body.RootElement.GetProperty("value").GetString());
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task Same_activity_id_in_another_conversation_runs()
    {
        var bot = new DelegateBot();
        await using var host = new BotApplicationFactory(bot);

        using var first = await host.PostActivityAsync(TestActivities.Message(ServiceUrl, id: "42", conversationId: "a:first"), Token);
        using var second = await host.PostActivityAsync(TestActivities.Message(ServiceUrl, id: "42", conversationId: "a:second"), Token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, bot.Turns);
    }

    [Fact]
    public async Task Redelivery_after_a_failed_turn_runs_again()
    {
        var turns = 0;
        var bot = new DelegateBot((_, _) => Interlocked.Increment(ref turns) == 1 ? throw new InvalidOperationException("first try fails") : Task.CompletedTask);
        await using var host = new BotApplicationFactory(bot);
        var activity = TestActivities.Create(ActivityTypes.Event, ServiceUrl);

        using var first = await host.PostActivityAsync(activity, Token);
        using var second = await host.PostActivityAsync(activity, Token);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, bot.Turns);
    }

    [Fact]
    public async Task Caller_hanging_up_does_not_cancel_the_turn_and_the_redelivery_is_not_run_again()
    {
        var turns = 0;
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstFinished = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new DelegateBot(async (_, ct) =>
        {
            if (Interlocked.Increment(ref turns) == 1)
            {
                firstStarted.SetResult();
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                    firstFinished.SetResult(true);
                }
                catch (OperationCanceledException)
                {
                    firstFinished.SetResult(false);
                    throw;
                }
            }
        });
        await using var host = new BotApplicationFactory(bot);
        var activity = TestActivities.Message(ServiceUrl);

        using (var hangUp = CancellationTokenSource.CreateLinkedTokenSource(Token))
        using (var client = host.CreateBotClient())
        {
            var abandoned = client.PostAsJsonAsync("api/messages", activity, BotJson.Options, hangUp.Token);
            await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
            await hangUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }

        using var client2 = host.CreateBotClient();
        client2.Timeout = TimeSpan.FromSeconds(10);
        using var redelivery = await client2.PostAsJsonAsync("api/messages", activity, BotJson.Options, Token);

        Assert.True(await firstFinished.Task.WaitAsync(TimeSpan.FromSeconds(10), Token), "the first turn was cancelled by the hang-up");
        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task Redelivery_while_the_first_is_still_running_long_gets_202_without_a_second_turn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new DelegateBot((_, _) => release.Task);
        await using var host = new BotApplicationFactory(bot)
            .ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var activity = TestActivities.Message(ServiceUrl);

        var first = host.PostActivityAsync(activity, Token);
        await WaitUntilAsync(() => bot.Turns == 1);
        var second = host.PostActivityAsync(activity, Token);
        for (var i = 0; i < 20 && !second.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(31));
            await Task.WhenAny(second, Task.Delay(50, Token));
        }

        using var secondResponse = await second.WaitAsync(TimeSpan.FromSeconds(5), Token);
        Assert.False(first.IsCompleted);
        release.SetResult();
        using var firstResponse = await first;

        Assert.Equal(HttpStatusCode.Accepted, secondResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(1, bot.Turns);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20, Token);
        }

        Assert.True(condition(), "The condition was not met within 10 s.");
    }
}
