using System.Globalization;
using System.Threading.Channels;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Tests.Testing;

/// <summary>
/// An in-memory adapter, the SDK's TestAdapter shape: inbound activities run through the real
/// <see cref="BotAdapter"/> pipeline with a real <see cref="TurnContext"/>; what the bot sends is
/// given ids and queued for <see cref="TestFlow"/> (or <see cref="GetNextReply"/>) to check.
/// </summary>
public sealed class TestAdapter : BotAdapter
{
    private readonly Channel<Activity> _replies = Channel.CreateUnbounded<Activity>();
    private readonly Lock _lock = new();
    private readonly List<Activity> _sent = [];
    private readonly List<Activity> _updated = [];
    private int _nextId;

    public TestAdapter(ConversationReference? conversation = null) =>
        Conversation = conversation ?? CreateConversation("conv1");

    public TestAdapter(string channelId, string userId = "user1", string botId = "bot", string conversationId = "conv1") =>
        Conversation = CreateConversation(conversationId, userId, botId, channelId);

    public ConversationReference Conversation { get; }

    public string Locale { get; set; } = "en-US";

    /// <summary>Every activity the bot sent, in order, including ones already asserted.</summary>
    public IReadOnlyList<Activity> SentActivities
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Every activity the bot updated (card replacements), in order.</summary>
    public IReadOnlyList<Activity> UpdatedActivities
    {
        get
        {
            lock (_lock)
            {
                return [.. _updated];
            }
        }
    }

    /// <summary>The invoke response of the last invoke activity processed.</summary>
    public InvokeResponse? LastInvokeResponse { get; private set; }

    public static ConversationReference CreateConversation(string name, string user = "user1", string bot = "bot", string channelId = "test") => new(
        "https://test.example/",
        channelId,
        new ConversationAccount { Id = name },
        new ChannelAccount { Id = bot, Name = bot, Role = "bot" },
        new ChannelAccount { Id = user, Name = user, Role = "user" },
        null,
        "en-US");

    /// <summary>A message from the user, addressed like a real inbound activity.</summary>
    public Activity MakeActivity(string? text = null) => Address(Activity.CreateMessageActivity(text));

    /// <summary>A conversation update announcing the given members (the user when none given).</summary>
    public Activity MakeConversationUpdate(params ChannelAccount[] membersAdded) => Address(new Activity
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = membersAdded.Length > 0 ? [.. membersAdded] : [Conversation.User!],
    });

    /// <summary>Runs one turn; fields the activity lacks are filled from <see cref="Conversation"/>. Returns the invoke response of an invoke.</summary>
    public async Task<InvokeResponse?> ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);
        var turnContext = new TurnContext(this, Address(activity));
        await RunPipelineAsync(turnContext, callback, cancellationToken);
        if (!activity.IsType(ActivityTypes.Invoke))
        {
            return null;
        }

        LastInvokeResponse = turnContext.InvokeResponse ?? new InvokeResponse(501);
        return LastInvokeResponse;
    }

    public Task<InvokeResponse?> SendTextToBotAsync(string text, BotCallbackHandler callback, CancellationToken cancellationToken = default) =>
        ProcessActivityAsync(MakeActivity(text), callback, cancellationToken);

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            activity.Id ??= NextId("reply");
            activity.Timestamp ??= DateTimeOffset.UtcNow;
            lock (_lock)
            {
                _sent.Add(activity);
            }

            _replies.Writer.TryWrite(activity);
            responses[i] = new ResourceResponse(activity.Id);
        }

        return Task.FromResult(responses);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_lock)
        {
            _updated.Add(activity);
        }

        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    /// <summary>The oldest reply not yet taken, or null.</summary>
    public Activity? GetNextReply() => _replies.Reader.TryRead(out var reply) ? reply : null;

    /// <summary>The oldest reply not yet taken, waiting up to <paramref name="timeout"/>; null if none came.</summary>
    public async Task<Activity?> GetNextReplyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (GetNextReply() is { } ready)
        {
            return ready;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _replies.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private Activity Address(Activity activity)
    {
        activity.Type ??= ActivityTypes.Message;
        activity.Id ??= NextId("in");
        activity.Timestamp ??= DateTimeOffset.UtcNow;
        activity.ServiceUrl ??= Conversation.ServiceUrl;
        activity.ChannelId ??= Conversation.ChannelId;
        activity.Conversation ??= new ConversationAccount { Id = Conversation.Conversation.Id, TenantId = Conversation.Conversation.TenantId };
        activity.From ??= Copy(Conversation.User);
        activity.Recipient ??= Copy(Conversation.Bot);
        activity.Locale ??= Locale;
        return activity;
    }

    private static ChannelAccount? Copy(ChannelAccount? account) =>
        account is null ? null : new ChannelAccount { Id = account.Id, Name = account.Name, Role = account.Role, AadObjectId = account.AadObjectId };

    private string NextId(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Interlocked.Increment(ref _nextId)}");
}
