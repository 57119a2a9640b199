namespace TeamsItBot.Tests.Support;

/// <summary>
/// The phrases the bot promises to understand, written out here on purpose (not read from the product):
/// a phrase dropped from a word list in Utterances fails its own row.
/// </summary>
internal static class UtterancePhrases
{
    public static TheoryData<string> Confirm => [
        "yes", "yes please", "yeah", "sure", "ok", "okay", "create ticket", "create a ticket", "go ahead", "please create", "yes create", "y", "yep",
        "yup", "yes create it", "yes create a ticket", "yes create ticket", "create it", "please do", "do it", "ok create it", "sure go ahead",
        "yes go ahead", "yes please create", "yes please create a ticket", "please create a ticket", "please create ticket", "create the ticket",
        "yes create the ticket", "confirm", "submit", "ok please", "okay please", "yeah please", "sure thing", "absolutely",
    ];

    public static TheoryData<string> Decline => [
        "no", "no thanks", "no thank you", "nope", "nah", "n", "dont", "do not", "dont create", "dont create it", "dont create a ticket",
        "do not create", "no ticket", "no need", "not now", "not needed", "no dont", "no please dont", "decline", "no its ok", "no its fine",
    ];

    public static TheoryData<string> Fixed => [
        "yes", "yes thanks", "yes thank you", "yeah", "yep", "yup", "y", "fixed", "its fixed", "it is fixed", "yes its fixed", "yes fixed",
        "that fixed it", "that worked", "it worked", "it works", "works now", "its working", "its working now", "it is working", "all good", "solved",
        "resolved", "problem solved", "yes it worked", "yes that worked", "yes that fixed it", "sorted", "great thanks", "perfect",
    ];

    public static TheoryData<string> NotFixed => [
        "no", "nope", "nah", "n", "not fixed", "still not working", "still broken", "still doesnt work", "still does not work", "didnt help",
        "did not help", "didnt work", "did not work", "doesnt work", "does not work", "not working", "no luck", "no still not working", "no it didnt",
        "no it didnt help", "no didnt help", "same problem", "same issue", "still the same", "it still doesnt work", "still having the problem",
        "still having issues", "that didnt help", "that didnt work", "no that didnt work", "no still broken", "still failing", "still not fixed",
        "not really", "no it doesnt", "it didnt work", "nothing worked", "none of that worked",
    ];

    public static TheoryData<string> TicketRequest => [
        "ticket", "i need a ticket", "need a ticket", "open a ticket", "raise a ticket", "create a ticket", "create ticket", "log a ticket",
        "file a ticket", "submit a ticket", "make a ticket", "new ticket", "i want a ticket", "i want to create a ticket", "i want to open a ticket",
        "i want to raise a ticket", "can you create a ticket", "can you open a ticket", "please open a ticket", "please create a ticket",
        "talk to a human", "talk to someone", "contact it", "contact support", "escalate", "i need help from it", "jira ticket",
        "create a jira ticket", "open a jira ticket", "raise a jira ticket", "support ticket", "i need a support ticket", "open a support ticket",
        "create a support ticket",
    ];

    public static TheoryData<string> Cancel => [
        "cancel", "start over", "startover", "restart", "reset", "quit", "stop", "abort", "never mind", "nevermind", "new problem", "new issue",
        "forget it",
    ];

    public static TheoryData<string> Help => [
        "help", "help me", "what can you do", "how does this work", "menu", "commands", "?",
    ];

    public static TheoryData<string> Greeting => [
        "hi", "hello", "hey", "hiya", "good morning", "good afternoon", "good evening", "hi there", "hello there", "yo",
    ];

    public static TheoryData<string> Thanks => [
        "thanks", "thank you", "thx", "ty", "cheers", "thanks a lot", "thank you very much", "many thanks",
    ];
}
