namespace TeamsItBot.Support.Conversation;

/// <summary>The bot's fixed wording, in one place so it reads as one voice.</summary>
public static class SupportReplies
{
    public static string Welcome(string? name) =>
        $"Hi{(string.IsNullOrWhiteSpace(name) ? string.Empty : " " + FirstName(name))}! I'm the IT support bot. Tell me what's wrong, "
        + "for example \"Teams is not working\" or \"VPN won't connect\", and I'll walk you through the usual fixes. "
        + "If they don't help, I can open a Jira ticket with the IT team for you. Say \"help\" at any time.";

    public const string WelcomeGroup =
        "Hi everyone! I'm the IT support bot. Mention me with a problem (for example \"@IT Support Teams is not working\") "
        + "and I'll suggest fixes, or open a Jira ticket with the IT team.";

    public const string Help =
        "Here's how I can help:\n\n"
        + "- Describe a problem in your own words (\"Outlook won't sync\", \"my password expired\", \"printer is offline\") and I'll give you troubleshooting steps.\n"
        + "- If the steps don't help, say \"still not working\" and I'll offer to create a Jira ticket.\n"
        + "- Say \"I need a ticket\" to go straight to a ticket.\n"
        + "- Say \"my tickets\" to see your tickets and their status, \"add a comment to ITSUPPORT-123: ...\" to tell IT more, or \"it's fixed, close it\" / \"it came back\".\n"
        + "- Say \"start over\" or \"cancel\" at any time to drop what we were doing.";

    public const string Cancelled = "OK, I've dropped that. What can I help you with? Describe the problem in your own words.";

    public const string NothingToCancel = "There's nothing in progress. Describe an IT problem and I'll help.";

    public const string Greeting = "Hello! What IT problem can I help you with today? For example: \"Teams is not working\".";

    public const string YoureWelcome = "You're welcome! Message me any time you have an IT problem.";

    public const string Goodbye = "Goodbye! Message me any time you have an IT problem.";

    /// <summary>Leaving at "Did that fix it?": the problem stays open, so "still not working" later still offers the ticket.</summary>
    public const string GoodbyeWithProblemOpen = "Goodbye! If it is still not working later, just tell me \"still not working\" and I'll offer a ticket.";

    public const string FeedbackThanks = "Thanks for your feedback!";

    public const string FixedAck = "Great, glad that sorted it! Message me any time something else comes up.";

    public const string AskFixedAgain = "Did that fix it? Reply \"yes\" if it's working now, or \"still not working\" and I'll offer a ticket.";

    public const string DescribeForTicket = "Sure, I can open a ticket for the IT team. Please describe the problem in a sentence or two.";

    public const string DescribeAgain = "Please describe the problem in a few words, for example \"my laptop won't connect to the VPN\".";

    public const string AskConfirmAgain = "Shall I create the ticket? Click \"Create ticket\" on the card, or reply \"yes\" or \"no thanks\".";

    public const string Declined = "OK, I won't create a ticket. If the problem comes back, just tell me about it.";

    public const string NoPendingTicket = "There's no ticket waiting for confirmation. Describe the problem and I'll help.";

    public const string DraftNotFound = "I can't find that ticket request any more. Describe the problem again and I'll set up a new one.";

    public const string AlreadyDeclined = "You chose not to create that ticket. Describe the problem again if you'd like a new one.";

    public const string NonTextMessage = "I can only read text. Please describe the problem in a sentence, for example \"VPN won't connect\".";

    public const string UnknownCardAction = "Sorry, I don't recognise that button. Please try again or describe the problem.";

    public static string StepsIntro(string? topicTitle, string? summary) => topicTitle is null
        ? "I'm not sure which system that is, so here are the general first steps that fix most problems:"
        : $"**{topicTitle}**: {summary ?? "here is what usually fixes it."} Please try these steps in order:";

    public static string Created(string key, Uri browseUrl) => $"Created ticket {key}: {browseUrl}";

    public static string OnlyReporterCanDecline(string reporterName) => $"Only {reporterName} can decline this ticket.";

    public static string AlreadyCreated(string key, string? browseUrl) =>
        $"That ticket already exists: {key}{(browseUrl is null ? string.Empty : ": " + browseUrl)}";

    public static string CreationFailed(string userMessage, bool canRetry) => canRetry
        ? $"{userMessage} Your request is kept: click \"Create ticket\" again or reply \"yes\" in a little while."
        : userMessage;

    public const string Queued =
        "The ticket system isn't reachable right now, so I've queued your ticket: it will be created automatically as soon as the system is back, "
        + "and I'll post the ticket number here. You don't need to do anything else.";

    public const string AlreadyQueued =
        "Your ticket is already queued and will be created automatically; I'll post the ticket number here as soon as it exists.";

    public const string InProgress =
        "Your ticket is being created right now; I'll post the ticket number here in a moment.";

    public const string CannotDeclineQueued =
        "That ticket is already queued and will be created automatically. If you no longer need it, tell the IT team once it's created.";

    public static string CreatedLater(string key, string browseUrl) =>
        $"Good news: your queued ticket has been created: {key}: {browseUrl}";

    public const string GaveUpUnavailable = "The ticket system stayed unavailable for too long.";

    public static string GaveUp(string userMessage, string draftId) =>
        $"Sorry, I couldn't create your ticket. {userMessage} Your request is saved for the IT team (reference {draftId}); "
        + "please contact the help desk directly if it's urgent, or reply \"yes\" to let me try again.";

    private static string FirstName(string name) => name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
