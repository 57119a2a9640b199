using TeamsItBot.Framework.Cards;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Support.Evidence;

/// <summary>
/// Notes what the bot says in the turn (the text as the user sees it, a card by its fallback text)
/// so the open problem's transcript can hold the bot's side too. Updates of earlier cards are not turns.
/// </summary>
public sealed class TranscriptRecordingContext(ITurnContext inner, TimeProvider timeProvider) : ITurnContext
{
    private const string SaidKey = "ItSupport.BotSaid";

    public BotAdapter Adapter => inner.Adapter;

    public Activity Activity => inner.Activity;

    public IDictionary<string, object?> TurnState => inner.TurnState;

    public bool Responded => inner.Responded;

    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        Note(activity);
        return inner.SendActivityAsync(activity, cancellationToken);
    }

    public Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        foreach (var activity in activities) Note(activity);
        return inner.SendActivitiesAsync(activities, cancellationToken);
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default) =>
        inner.UpdateActivityAsync(activity, cancellationToken);

    /// <summary>What the bot said in <paramref name="context"/>'s turn so far, in order; taking them empties the list.</summary>
    public static IReadOnlyList<(DateTimeOffset At, string Text)> TakeSaid(ITurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TurnState.Remove(SaidKey, out var value) && value is List<(DateTimeOffset, string)> said ? said : [];
    }

    private void Note(Activity activity)
    {
        if (activity.Type is not (null or ActivityTypes.Message))
        {
            return;
        }

        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(activity.Text)) parts.Add(activity.Text);
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.Content is AdaptiveCard card && card.FallbackText is { Length: > 0 } fallback) parts.Add($"[card] {fallback}");
        }

        if (parts.Count == 0) return;
        if (!TurnState.TryGetValue(SaidKey, out var value) || value is not List<(DateTimeOffset, string)> said)
        {
            TurnState[SaidKey] = said = [];
        }

        said.Add((timeProvider.GetUtcNow(), string.Join("\n", parts)));
    }
}
