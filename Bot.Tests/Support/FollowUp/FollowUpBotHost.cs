using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tests.Tickets;
using TeamsItBot.Insights;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Support.FollowUp;

/// <summary>The support bot wired as the app wires it (AddItSupport + AddTickets) against the mcp-atlassian double over HTTP.</summary>
internal sealed class FollowUpBotHost : IAsyncDisposable
{
    public const string Ann = "7d1c0a3e-1111-4aaa-8bbb-0000000000a1";
    public const string Bob = "7d1c0a3e-2222-4aaa-8bbb-0000000000b2";

    private readonly ServiceProvider _services;

    private FollowUpBotHost(McpAtlassianDouble jira, IDictionary<string, string?> settings)
    {
        Jira = jira;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment())
            .AddBotFramework(configuration)
            .AddItSupport(configuration)
            .AddTickets(configuration)
            .AddInsights(configuration)
            .BuildServiceProvider();
        Bot = _services.GetRequiredService<IBot>();
    }

    public McpAtlassianDouble Jira { get; }

    public IBot Bot { get; }

    public ITicketService Tickets => _services.GetRequiredService<ITicketService>();

    public static async Task<FollowUpBotHost> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var jira = await McpAtlassianDouble.StartAsync();
        var settings = TicketTestHost.RemoteSettings(jira.McpUrl);
        configure?.Invoke(settings);
        return new FollowUpBotHost(jira, settings);
    }

    /// <summary>A personal chat of one employee (their Entra object id on every activity).</summary>
    public static TestAdapter Chat(string objectId, string name = "Ann Lee") => new(new ConversationReference(
        "https://test.example/", "msteams", new ConversationAccount { Id = "conv-" + objectId },
        new ChannelAccount { Id = "bot", Name = "IT Bot", Role = "bot" },
        new ChannelAccount { Id = "29:" + objectId, Name = name, Role = "user", AadObjectId = objectId },
        null, "en-US"));

    /// <summary>Files a ticket for the employee the way the bot does (draft with their object id).</summary>
    public async Task<TicketResult> FileAsync(string objectId, string problem) =>
        await Tickets.CreateTicketAsync(new TicketDraft(Guid.NewGuid().ToString("n"), problem, ["Restart"], "Ann Lee", objectId), TestContext.Current.CancellationToken);

    /// <summary>Sends one activity and returns the bot's replies, typing indicators left out.</summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(TestAdapter adapter, Activity activity)
    {
        await adapter.ProcessActivityAsync(activity, Bot.OnTurnAsync, TestContext.Current.CancellationToken);
        var replies = new List<Activity>();
        while (adapter.GetNextReply() is { } reply)
        {
            if (!reply.IsType(ActivityTypes.Typing)) replies.Add(reply);
        }

        return replies;
    }

    public Task<IReadOnlyList<Activity>> SayAsync(TestAdapter adapter, string text) => SendAsync(adapter, adapter.MakeActivity(text));

    public static Activity Execute(TestAdapter adapter, string verb, object data)
    {
        var invoke = adapter.MakeActivity();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Text = null;
        invoke.Name = "adaptiveCard/action";
        invoke.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb, data }, trigger = "manual" });
        return invoke;
    }

    public static string CardText(Activity activity) => SupportBot.CardJson(activity).GetRawText();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Jira.DisposeAsync();
    }
}
