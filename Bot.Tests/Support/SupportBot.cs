using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Insights;
using TeamsItBot.Support;
using TeamsItBot.Support.FollowUp;
using TeamsItBot.Tests.Testing;
using TeamsItBot.Tickets;

namespace TeamsItBot.Tests.Support;

/// <summary>The real support bot composed as the app composes it, with a recording ticket backend.</summary>
internal sealed class SupportBot : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly OutcomeWriter _writer;

    public SupportBot(ITicketService? tickets = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        Tickets = tickets as RecordingTicketService ?? new RecordingTicketService();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(tickets ?? Tickets);
        services.AddSingleton<TeamsItBot.Tickets.FollowUp.ITicketFollowUpService, UnreachableFollowUpService>();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestHostEnvironment());
        // The parts the support conversation stands on, composed in Program's order.
        services.AddBotFramework(configuration);

        // One topic index for all tests: building it per bot would cost every flow test its start-up time.
        services.AddSingleton(Understanding.SharedKnowledge.Index.KnowledgeBases);
        services.AddSingleton(Understanding.SharedKnowledge.Index);
        configure?.Invoke(services);
        services.AddItSupport(configuration);
        services.AddTickets(configuration);
        services.AddInsights(configuration);
        _services = services.BuildServiceProvider();
        // The events' writer runs as in the app, so tests read what a turn recorded from the store.
        _writer = _services.GetRequiredService<OutcomeWriter>();
        _writer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        Bot = _services.GetRequiredService<IBot>();
        Storage = _services.GetRequiredService<TeamsItBot.Framework.State.IStorage>();
    }

    public TeamsItBot.Framework.State.IStorage Storage { get; }

    public IBot Bot { get; }

    public RecordingTicketService Tickets { get; }

    public TestFlow Flow(TestAdapter? adapter = null) => new(adapter ?? new TestAdapter("msteams"), Bot);

    public IOutcomeEventStore Events => _services.GetRequiredService<IOutcomeEventStore>();

    /// <summary>The stored events once <paramref name="count"/> are there (the writer runs in the background).</summary>
    public async Task<IReadOnlyList<OutcomeEvent>> WaitForEventsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var stored = await Events.QueryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
            if (stored.Count >= count || DateTime.UtcNow > deadline)
            {
                return stored;
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }

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

    /// <summary>
    /// True when the card still offers a button that posts back an answer to the draft (Execute or
    /// Submit); Open in Jira, the follow-up "My tickets" command and the card's refresh are not answers.
    /// </summary>
    public static bool HasPostBackButtons(JsonElement card) => PostBacks(card).Any(a => VerbOf(a) != FollowUpCards.MyTicketsVerb);

    private static IEnumerable<JsonElement> PostBacks(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() is "Action.Execute" or "Action.Submit")
            {
                yield return element;
            }

            // A card's refresh action is Teams' to send, not a button.
            foreach (var child in element.EnumerateObject().Where(p => p.Name != "refresh").SelectMany(p => PostBacks(p.Value)))
            {
                yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(PostBacks))
            {
                yield return child;
            }
        }
    }

    private static string? VerbOf(JsonElement action) =>
        action.TryGetProperty("verb", out var verb) ? verb.GetString()
        : action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("verb", out var dataVerb) ? dataVerb.GetString()
        : null;

    public static bool HasPostBackButtons(string cardJson) => HasPostBackButtons(JsonDocument.Parse(cardJson).RootElement);

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

    /// <summary>Every evidence upload asked for: the ticket key and the draft.</summary>
    public ConcurrentQueue<(string Key, TicketDraft Draft)> EvidenceUploads { get; } = new();

    public Task<TeamsItBot.Tickets.Evidence.AttachmentReport> AttachEvidenceAsync(TicketResult ticket, TicketDraft draft, CancellationToken cancellationToken)
    {
        EvidenceUploads.Enqueue((ticket.Key, draft));
        return Task.FromResult(new TeamsItBot.Tickets.Evidence.AttachmentReport([], [.. draft.Evidence?.Files.Select(f => new TeamsItBot.Tickets.Evidence.UnattachedFile(f.FileName, "refused")) ?? []]));
    }
}
