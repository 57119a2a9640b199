using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TeamsItBot.Support.Conversation;

/// <summary>What a short reply means in the conversation, independent of topic matching.</summary>
public enum Intent
{
    None,
    Help,
    Cancel,
    Greeting,
    Thanks,
    Confirm,
    Decline,
    Fixed,
    NotFixed,
    TicketRequest,
}

/// <summary>
/// Recognises the conversational phrases (help, cancel, yes/no, fixed/not fixed, ticket requests).
/// Works on normalized text: lower case, apostrophes dropped, punctuation as spaces.
/// </summary>
public static partial class Utterances
{
    private static readonly string[] HelpPhrases = ["help", "help me", "what can you do", "how does this work", "menu", "commands", "?"];

    private static readonly string[] CancelPhrases =
        ["cancel", "start over", "startover", "restart", "reset", "quit", "stop", "abort", "never mind", "nevermind", "new problem", "new issue", "forget it"];

    private static readonly string[] GreetingPhrases = ["hi", "hello", "hey", "hiya", "good morning", "good afternoon", "good evening", "hi there", "hello there", "yo"];

    private static readonly string[] ThanksPhrases = ["thanks", "thank you", "thx", "ty", "cheers", "thanks a lot", "thank you very much", "many thanks"];

    /// <summary>The original design's confirmation words, plus close variants.</summary>
    private static readonly string[] ConfirmPhrases =
    [
        "yes", "yes please", "yeah", "sure", "ok", "okay", "create ticket", "create a ticket", "go ahead", "please create", "yes create",
        "y", "yep", "yup", "yes create it", "yes create a ticket", "yes create ticket", "create it", "please do", "do it", "ok create it",
        "sure go ahead", "yes go ahead", "yes please create", "yes please create a ticket", "please create a ticket", "please create ticket",
        "create the ticket", "yes create the ticket", "confirm", "submit", "ok please", "okay please", "yeah please", "sure thing", "absolutely",
    ];

    private static readonly string[] DeclinePhrases =
    [
        "no", "no thanks", "no thank you", "nope", "nah", "n", "dont", "do not", "dont create", "dont create it", "dont create a ticket",
        "do not create", "no ticket", "no need", "not now", "not needed", "no dont", "no please dont", "decline", "no its ok", "no its fine",
    ];

    private static readonly string[] FixedPhrases =
    [
        "yes", "yes thanks", "yes thank you", "yeah", "yep", "yup", "y", "fixed", "its fixed", "it is fixed", "yes its fixed", "yes fixed",
        "that fixed it", "that worked", "it worked", "it works", "works now", "its working", "its working now", "it is working", "all good",
        "solved", "resolved", "problem solved", "yes it worked", "yes that worked", "yes that fixed it", "sorted", "great thanks", "perfect",
    ];

    private static readonly string[] NotFixedPhrases =
    [
        "no", "nope", "nah", "n", "not fixed", "still not working", "still broken", "still doesnt work", "still does not work", "didnt help",
        "did not help", "didnt work", "did not work", "doesnt work", "does not work", "not working", "no luck", "no still not working",
        "no it didnt", "no it didnt help", "no didnt help", "same problem", "same issue", "still the same", "it still doesnt work",
        "still having the problem", "still having issues", "that didnt help", "that didnt work", "no that didnt work", "no still broken",
        "still failing", "still not fixed", "not really", "no it doesnt", "it didnt work", "nothing worked", "none of that worked",
    ];

    private static readonly string[] TicketRequestPhrases =
    [
        "ticket", "i need a ticket", "need a ticket", "open a ticket", "raise a ticket", "create a ticket", "create ticket", "log a ticket",
        "file a ticket", "submit a ticket", "make a ticket", "new ticket", "i want a ticket", "i want to create a ticket", "i want to open a ticket",
        "i want to raise a ticket", "can you create a ticket", "can you open a ticket", "please open a ticket", "please create a ticket",
        "talk to a human", "talk to someone", "contact it", "contact support", "escalate", "i need help from it", "jira ticket", "create a jira ticket",
        "open a jira ticket", "raise a jira ticket", "support ticket", "i need a support ticket", "open a support ticket", "create a support ticket",
    ];

    private static readonly string[] NotFixedMarkers =
        ["still", "didnt", "did not", "doesnt", "does not", "isnt", "is not", "wont", "not working", "no luck", "not fixed", "broken", "same problem", "same issue", "nope", "no "];

    private static readonly string[] FixedMarkers = ["fixed", "worked", "works", "working now", "solved", "resolved", "sorted"];

    private static readonly HashSet<string> Help = Set(HelpPhrases);
    private static readonly HashSet<string> Cancel = Set(CancelPhrases);
    private static readonly HashSet<string> Greeting = Set(GreetingPhrases);
    private static readonly HashSet<string> Thanks = Set(ThanksPhrases);
    private static readonly HashSet<string> Confirm = Set(ConfirmPhrases);
    private static readonly HashSet<string> Decline = Set(DeclinePhrases);
    private static readonly HashSet<string> FixedSet = Set(FixedPhrases);
    private static readonly HashSet<string> NotFixedSet = Set(NotFixedPhrases);
    private static readonly HashSet<string> TicketRequest = Set(TicketRequestPhrases);

    public static bool IsHelp(string text) => Help.Contains(Normalize(text));

    public static bool IsCancel(string text) => Cancel.Contains(Normalize(text));

    public static bool IsGreeting(string text) => Greeting.Contains(Normalize(text));

    public static bool IsThanks(string text) => Thanks.Contains(Normalize(text));

    public static bool IsConfirm(string text) => Confirm.Contains(Normalize(text));

    public static bool IsDecline(string text) => Decline.Contains(Normalize(text));

    public static bool IsFixed(string text) => FixedSet.Contains(Normalize(text));

    public static bool IsNotFixed(string text) => NotFixedSet.Contains(Normalize(text));

    /// <summary>A looser reading for longer answers: "nope, outlook still won't open".</summary>
    public static bool LooksNotFixed(string text) => ContainsAny(Normalize(text), NotFixedMarkers);

    public static bool LooksFixed(string text)
    {
        var normalized = Normalize(text);
        return ContainsAny(normalized, FixedMarkers) && !ContainsAny(normalized, NotFixedMarkers);
    }

    /// <summary>
    /// "I need a ticket" (no description) or "open a ticket for my broken monitor" (description
    /// after the request). Returns false when the text is not a ticket request.
    /// </summary>
    public static bool IsTicketRequest(string text, out string? description)
    {
        description = null;
        if (TicketRequest.Contains(Normalize(text)))
        {
            return true;
        }

        var match = TicketRequestWithDescription().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var rest = match.Groups["rest"].Value.Trim();
        description = rest.Any(char.IsLetterOrDigit) ? rest : null;
        return true;
    }

    /// <summary>Lower case, apostrophes removed, other punctuation as spaces, single spaces.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var raw in text.Trim())
        {
            var c = char.ToLower(raw, CultureInfo.InvariantCulture);
            if (c is '\'' or '\u2019' or '`')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c) || c == '?')
            {
                builder.Append(c);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        var result = builder.ToString().Trim();
        // A trailing question mark matters only when it is the whole message ("?").
        return result.Length > 1 ? result.Replace("?", string.Empty, StringComparison.Ordinal).Trim() : result;
    }

    private static bool ContainsAny(string normalized, string[] markers)
    {
        var padded = $" {normalized} ";
        foreach (var marker in markers)
        {
            if (padded.Contains($" {marker.Trim()} ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> Set(IEnumerable<string> phrases) => new(phrases.Select(Normalize), StringComparer.Ordinal);

    [GeneratedRegex(
        @"^\W*(?:(?:please|pls|can you|could you|would you|i want to|i need to|i'?d like to|i would like to|i want|i need)\s+)*"
        + @"(?:open|raise|create|log|file|submit|make|get me|need|want)?\s*(?:a\s+|an\s+|the\s+|new\s+)*(?:jira\s+|support\s+|it\s+|help\s?desk\s+|service\s?desk\s+)*ticket\b"
        + @"[\s,:;.\-]*(?:(?:for|about|because|regarding|re:?|as|on|since|please)\b[\s,:]*)?(?<rest>.*)$",
        // Linear time whatever the text, so no timeout is needed: on a loaded machine a timeout turned an
        // ordinary message into an exception.
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex TicketRequestWithDescription();
}
