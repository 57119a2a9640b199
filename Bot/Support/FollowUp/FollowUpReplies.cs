using System.Globalization;
using TeamsItBot.Tickets;

namespace TeamsItBot.Support.FollowUp;

/// <summary>The follow-up replies. A refusal never says whether a ticket exists or whose it is.</summary>
public static class FollowUpReplies
{
    public const string NoIdentity = "I can only look up tickets when you chat with me from Teams with your work account.";

    public static string NotFound(string key, string projectKey) =>
        $"I couldn't find a ticket {key} among the tickets you filed through me. I can only show and change your own tickets in the {projectKey} project. Say \"my tickets\" to see them.";

    public static string NoneMatching(string topic) =>
        $"I couldn't find a ticket of yours about \"{topic}\". Say \"my tickets\" to see them all.";

    public const string NoTickets = "You have no tickets from me yet. When I file one for you, you can follow it here.";

    public static string WhichTicket(string action) =>
        $"Which ticket should I {action}? Say it with the key, for example \"{action} ITSUPPORT-123\", or pick one from \"my tickets\".";

    public static string AskComment(string key) => $"What would you like to add to {key}? Your next message becomes a comment on the ticket (say \"cancel\" to skip).";

    public static string CommentAdded(string key) => $"Added your comment to {key}. The IT team will see it in Jira.";

    public static string TooLong(int length, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"That comment is {length:N0} characters long; the limit is {max:N0}. Please shorten it or send it in parts.");

    public static string Resolved(string key) => $"Closed {key}. Glad it works again! Say \"it came back\" if the problem returns.";

    public static string AlreadyResolved(string key) => $"{key} is already closed; I added your note to it.";

    public static string CannotResolve(string key, string status) =>
        $"I couldn't close {key}: its workflow doesn't allow that from \"{status}\". I added your note so the IT team can close it.";

    public static string Reopened(string key) => $"Reopened {key} and told the IT team it came back.";

    public static string NotClosed(string key) => $"{key} is still open, so there is nothing to reopen; I added your note to it.";

    public static string CannotReopen(string key, string status) =>
        $"I couldn't reopen {key}: its workflow doesn't allow that from \"{status}\". I added your note so the IT team sees it came back.";

    public static string Failed(TicketException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Failure switch
        {
            TicketFailure.BackendUnavailable => "The ticket system is not reachable right now, so I can't look that up. Please try again in a few minutes.",
            TicketFailure.Timeout => "The ticket system is taking too long to answer. Please try again in a minute.",
            TicketFailure.AuthenticationFailed => "The ticket system refused the bot's sign-in. Your IT team has been told; please use Jira directly for now.",
            TicketFailure.Rejected => "Jira did not accept that. Please try again, or add it in Jira directly.",
            _ => "Something went wrong talking to the ticket system. Please try again, or use Jira directly.",
        };
    }
}
