using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Hosting;

public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);

/// <summary>One turn: the inbound activity and the means to answer it.</summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }

    Activity Activity { get; }

    /// <summary>Per-turn bag for state caches and services; gone when the turn ends.</summary>
    IDictionary<string, object?> TurnState { get; }

    /// <summary>True once anything but typing has been sent in this turn.</summary>
    bool Responded { get; }

    /// <summary>Sends a message; fields left empty are addressed from the inbound activity.</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>Replaces an earlier activity (a card) whose id is <see cref="Activity.Id"/>.</summary>
    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);
}
