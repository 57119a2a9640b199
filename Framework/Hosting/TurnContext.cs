using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

internal sealed class TurnContext(BotAdapter adapter, Activity activity) : ITurnContext
{
    public const string InvokeResponseKey = "BotFramework.InvokeResponse";

    public BotAdapter Adapter { get; } = adapter;

    public Activity Activity { get; } = activity;

    public IDictionary<string, object?> TurnState { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    public bool Responded { get; private set; }

    public InvokeResponse? InvokeResponse => TurnState.TryGetValue(InvokeResponseKey, out var value) ? value as InvokeResponse : null;

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default) =>
        (await SendActivitiesAsync([activity], cancellationToken))[0];

    public async Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        var responses = new ResourceResponse[activities.Count];
        var outgoing = new List<(int Index, Activity Activity)>();
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            if (activity.IsType(ActivityTypes.InvokeResponse))
            {
                // The adapter writes it as the HTTP answer; it never goes to the connector.
                TurnState[InvokeResponseKey] = activity.Value as InvokeResponse;
                responses[i] = new ResourceResponse(null);
                continue;
            }

            outgoing.Add((i, ApplyAddress(activity)));
            if (!activity.IsType(ActivityTypes.Typing))
            {
                Responded = true;
            }
        }

        if (outgoing.Count > 0)
        {
            var sent = await Adapter.SendActivitiesAsync(this, [.. outgoing.Select(o => o.Activity)], cancellationToken);
            for (var j = 0; j < outgoing.Count; j++)
            {
                responses[outgoing[j].Index] = sent[j];
            }
        }

        return responses;
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(activity.Id);
        var addressed = ApplyAddress(activity);
        addressed.ReplyToId = null;
        return Adapter.UpdateActivityAsync(this, addressed, cancellationToken);
    }

    private Activity ApplyAddress(Activity outgoing)
    {
        var reply = Activity.CreateReply();
        outgoing.Type ??= ActivityTypes.Message;
        outgoing.From ??= reply.From;
        outgoing.Recipient ??= reply.Recipient;
        outgoing.Conversation ??= reply.Conversation;
        outgoing.ServiceUrl ??= reply.ServiceUrl;
        outgoing.ChannelId ??= reply.ChannelId;
        outgoing.Locale ??= reply.Locale;
        if (outgoing.ReplyToId is null && !Activity.IsType(ActivityTypes.ConversationUpdate))
        {
            outgoing.ReplyToId = reply.ReplyToId;
        }

        return outgoing;
    }
}
