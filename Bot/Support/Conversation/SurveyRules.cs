using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TeamsItBot.Framework.Schema;
using TeamsItBot.Insights;

namespace TeamsItBot.Support.Conversation;

/// <summary>
/// Whether a user may be asked for feedback now, by any survey ("Did I help?", the satisfaction card
/// after a resolved ticket): surveys on, not a group chat, and no survey for them within
/// <see cref="AnalyticsOptions.SurveyPeriodDays"/>. A yes claims the period for the user at once.
/// </summary>
public sealed class SurveyRules(IOutcomeEventStore events, UserHasher hasher, IOptions<AnalyticsOptions> options)
{
    // Surveys shown by this process; the store (events marked surveyed) covers restarts and other replicas.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _surveyed = new(StringComparer.Ordinal);

    public string HashUser(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return hasher.Hash(activity.TenantId, activity.From?.AadObjectId is { Length: > 0 } aad ? aad : activity.From?.Id);
    }

    public async Task<bool> TryClaimAsync(Activity activity, string userHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!options.Value.Enabled || !options.Value.Surveys || activity.IsGroupConversation())
        {
            return false;
        }

        var since = now.AddDays(-options.Value.SurveyPeriodDays);
        if (_surveyed.TryGetValue(userHash, out var shown) && shown > since)
        {
            return false;
        }

        if (await events.LastSurveyedAsync(userHash, cancellationToken) is { } stored && stored > since)
        {
            _surveyed[userHash] = stored;
            return false;
        }

        // Two surveys racing in this process: only the one that sets the claim asks.
        return _surveyed.AddOrUpdate(userHash, now, (_, current) => current > since ? current : now) == now;
    }
}
