using System.Text.RegularExpressions;

namespace TeamsItBot.Support.FollowUp;

/// <summary>
/// The follow-up commands in German, French and Spanish (English lives beside the recognizer). Kept in code,
/// not in the admin's intent files: a command carries a ticket key, a number, a subject or the comment itself,
/// and must not fire on a problem described with the same verb ("Outlook schließt sich ständig"); the intent
/// files only map whole phrases to an intent id.
/// </summary>
public static partial class FollowUpPhrasings
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static HashSet<string> Words(string words) =>
        new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
}
