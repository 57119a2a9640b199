using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Storage;

/// <summary>The whole app with Storage:Provider=Sqlite: de-duplication outlives a restart.</summary>
public sealed class StoredDeduplicationHostTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "teamsitbot-host-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CountingBot _bot = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redelivered_invoke_after_a_restart_is_not_run_again_and_gets_the_same_answer()
    {
        JsonElement firstAnswer;
        await using (var app = StartApp())
        {
            using var response = await app.CreateClient().PostAsJsonAsync("/api/messages", Invoke("inv-1"), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            firstAnswer = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        }

        await using (var restarted = StartApp())
        {
            var client = restarted.CreateClient();
            using var redelivery = await client.PostAsJsonAsync("/api/messages", Invoke("inv-1"), Token);
            Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
            Assert.Equal(firstAnswer.GetRawText(), (await redelivery.Content.ReadFromJsonAsync<JsonElement>(Token)).GetRawText());
            Assert.Equal(1, _bot.Turns);

            // The restarted app does run new activities: the count above is not a dead bot.
            using var fresh = await client.PostAsJsonAsync("/api/messages", Invoke("inv-2"), Token);
            Assert.Equal(2, (await fresh.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("turn").GetInt32());
        }

        Assert.Equal(1, firstAnswer.GetProperty("turn").GetInt32());
        Assert.True(File.Exists(Path.Combine(_directory, "bot.db")));
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_start_up_naming_the_setting()
    {
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("Storage:Provider", "Postgres")
            .ConfigureTestServices(services => services.AddSingleton<IBot>(_bot)));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Storage__ConnectionString", error.ToString(), StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private WebApplicationFactory<Program> StartApp() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("Storage:Provider", "Sqlite")
            .UseSetting("BOT_DATA_DIR", _directory)
            .ConfigureTestServices(services => services.AddSingleton<IBot>(_bot)));

    private static Activity Invoke(string id) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = "adaptiveCard/action",
        Id = id,
        ServiceUrl = "http://127.0.0.1:9/",
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "29:user" },
        Recipient = new ChannelAccount { Id = "28:bot" },
        Conversation = new ConversationAccount { Id = "conv-1" },
    };

    private sealed class CountingBot : IBot
    {
        private int _turns;

        public int Turns => Volatile.Read(ref _turns);

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            turnContext.SetInvokeResponseAsync(new InvokeResponse(200, new { turn = Interlocked.Increment(ref _turns) }), cancellationToken);
    }
}
