using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Support;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Support;

/// <summary>The real support bot composed as the app composes it, with a recording ticket backend.</summary>
internal sealed class SupportBot : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public SupportBot(ITicketService? tickets = null, Action<IServiceCollection>? configure = null)
    {
        Tickets = tickets as RecordingTicketService ?? new RecordingTicketService();
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(tickets ?? Tickets);

        // One topic index for all tests: building it per bot would cost every flow test its start-up time.
        services.AddSingleton(Understanding.SharedKnowledge.Index.KnowledgeBases);
        services.AddSingleton(Understanding.SharedKnowledge.Index);
        configure?.Invoke(services);
        services.AddItSupport(configuration);
        _services = services.BuildServiceProvider();
        Bot = _services.GetRequiredService<IBot>();
        Storage = _services.GetRequiredService<TeamsItBot.Framework.State.IStorage>();
    }

    public TeamsItBot.Framework.State.IStorage Storage { get; }

    public IBot Bot { get; }

    public RecordingTicketService Tickets { get; }

    public TestFlow Flow(TestAdapter? adapter = null) => new(adapter ?? new TestAdapter("msteams"), Bot);

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>The draft id carried by the "Create ticket" button of a confirm card.</summary>
    public static string DraftIdOf(Activity cardActivity)
    {
        var card = CardJson(cardActivity);
        return card.GetProperty("actions")[0].GetProperty("data").GetProperty("draftId").GetString()!;
    }

    public static JsonElement CardJson(Activity activity)
    {
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal(AdaptiveCard.ContentType, attachment.ContentType);
        return JsonSerializer.SerializeToElement(attachment.Content, BotJson.Options);
    }

    public static bool IsConfirmCard(Activity activity) =>
        activity.Attachments is { Count: 1 } && CardJson(activity).GetRawText().Contains("Create JIRA ticket?", StringComparison.Ordinal);

    public static Activity ExecuteInvoke(TestAdapter adapter, string verb, string draftId, string? cardActivityId)
    {
        var invoke = adapter.MakeActivity();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Text = null;
        invoke.Name = "adaptiveCard/action";
        invoke.ReplyToId = cardActivityId;
        invoke.Value = JsonSerializer.SerializeToElement(new
        {
            action = new { type = "Action.Execute", verb, data = new { draftId } },
            trigger = "manual",
        });
        return invoke;
    }

    public static Activity SubmitMessage(TestAdapter adapter, string verb, string draftId, string? cardActivityId)
    {
        var submit = adapter.MakeActivity();
        submit.Text = null;
        submit.ReplyToId = cardActivityId;
        submit.Value = JsonSerializer.SerializeToElement(new { draftId, verb });
        return submit;
    }
}

/// <summary>A ticket backend that records drafts and answers with sequential keys (or a scripted failure).</summary>
internal sealed class RecordingTicketService : ITicketService
{
    private int _next;

    private readonly ConcurrentDictionary<string, TicketResult> _byDraft = new(StringComparer.Ordinal);

    public ConcurrentQueue<TicketDraft> Drafts { get; } = new();

    public TicketException? FailWith { get; set; }

    public TimeSpan Delay { get; set; }

    public async Task<TicketResult> CreateTicketAsync(TicketDraft draft, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (FailWith is { } failure)
        {
            throw failure;
        }

        Drafts.Enqueue(draft);
        var key = $"ITSUPPORT-{Interlocked.Increment(ref _next)}";
        return _byDraft[draft.Id] = new TicketResult(key, new Uri($"https://jira.example/browse/{key}"));
    }

    public Task<TicketResult?> FindByDraftAsync(string draftId, CancellationToken cancellationToken) =>
        Task.FromResult(_byDraft.TryGetValue(draftId, out var found) ? found : null);
}
