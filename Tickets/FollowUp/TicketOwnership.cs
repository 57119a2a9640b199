using System.Security.Cryptography;
using System.Text;

namespace TeamsItBot.Tickets.FollowUp;

/// <summary>
/// Who owns a ticket the bot filed: a label derived from the employee's Entra object id. The label
/// is a hash so the Jira site does not list object ids, and it is what "my tickets" searches on,
/// so nothing the user types can widen the search to someone else's tickets.
/// </summary>
public static class TicketOwnership
{
    public const string UserLabelPrefix = "itbot-user-";

    /// <summary>On every ticket the bot files, so the change poller finds them all with one clause.</summary>
    public const string TrackedLabel = "itbot-tracked";

    /// <summary><c>itbot-user-</c> + 20 hex digits of SHA-256 over the lower-cased object id.</summary>
    public static string UserLabel(string objectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(objectId.Trim().ToLowerInvariant()));
        return UserLabelPrefix + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    /// <summary>The labels a new ticket of <paramref name="objectId"/> carries besides the draft label.</summary>
    /// <remarks>A draft without an object id carries "(unknown)": such tickets get no owner label, or they would all share one.</remarks>
    public static IEnumerable<string> LabelsFor(string? objectId) =>
        string.IsNullOrWhiteSpace(objectId) || objectId.Trim() == "(unknown)" ? [TrackedLabel] : [TrackedLabel, UserLabel(objectId)];

    /// <summary>True when <paramref name="labels"/> carry the owner's label.</summary>
    public static bool IsOwnedBy(IEnumerable<string> labels, string objectId) =>
        !string.IsNullOrWhiteSpace(objectId) && labels.Contains(UserLabel(objectId), StringComparer.Ordinal);
}
