using System.Text.RegularExpressions;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// One language's wording of the follow-up commands, read by <see cref="FollowUpCommandRecognizer"/>.
/// The patterns see the message with accents folded (é -> e, ü -> u, ñ -> n; ß and œ kept), so they are
/// written without accents and typed text matches with or without them.
/// </summary>
/// <param name="Language">"en", "de", "fr" or "es".</param>
/// <param name="MyTickets">"my tickets", "meine Tickets".</param>
/// <param name="StatusWords">Words that ask how a ticket is doing ("status", "Neuigkeiten", "du nouveau").</param>
/// <param name="Number">A bare ticket number after its cue word ("zu 12", "sur 12", "del 12"); group <c>n</c>.</param>
/// <param name="Topics">A ticket named by its subject ("meinem VPN-Ticket", "mon ticket VPN"); group <c>topic</c>.</param>
/// <param name="NotTopics">Words the topic patterns catch that name no subject ("offenes", "dernier").</param>
/// <param name="Comments">Adding a comment, anchored at the start; groups <c>target</c> (optional) and <c>text</c>.</param>
/// <param name="Reopen">"it came back", "das Problem ist wieder da".</param>
/// <param name="Resolve">Closing verbs that need a ticket in the sentence ("close it", "ferme le ticket").</param>
/// <param name="ResolveItself">Closing phrasings that carry their object or leave no doubt ("ciérralo", "bitte schließen").</param>
/// <param name="Negation">A problem being described, not a command ("can't", "nicht", "tout seul", "se cierra solo").</param>
/// <param name="TicketObject">The ticket as the object of a verb ("it", "das Ticket", "la demande").</param>
public sealed record FollowUpPhrasing(
    string Language,
    Regex MyTickets,
    Regex StatusWords,
    Regex Number,
    IReadOnlyList<Regex> Topics,
    IReadOnlySet<string> NotTopics,
    IReadOnlyList<Regex> Comments,
    Regex Reopen,
    Regex Resolve,
    Regex? ResolveItself,
    Regex Negation,
    Regex TicketObject);
