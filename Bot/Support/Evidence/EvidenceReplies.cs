using System.Globalization;
using System.Text;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Support.Evidence;

/// <summary>
/// The bot's sentences about evidence. They name the user's files, so they go out as plain text
/// (<see cref="TextFormat"/>): a name like "*draft*.png" reads as typed.
/// </summary>
public static class EvidenceReplies
{
    public const string TextFormat = "plain";

    public const string NoProblemOpen =
        "I can't attach that yet: tell me first what the problem is, then send the screenshot or file and I'll add it to the ticket.";

    public static string Intake(EvidenceIntake intake, int maxFiles, int offered)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var text = new StringBuilder();
        if (intake.Kept.Count > 0)
        {
            text.Append("I'll attach ").Append(Names(intake.Kept.Select(f => f.FileName))).Append(" to the ticket if we create one.");
        }

        if (intake.OverLimit > 0)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(CultureInfo.InvariantCulture,
                $"You sent {offered} files; a ticket takes at most {maxFiles} files, so I left out the last {intake.OverLimit}. Please send only the most important ones, or add the rest in Jira later.");
        }

        foreach (var refused in intake.Refused)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append("I couldn't keep ").Append(refused.FileName).Append(": ").Append(refused.Reason).Append('.');
        }

        return text.ToString();
    }

    /// <summary>After the ticket: the files that did not make it, each with why.</summary>
    public static string NotAttached(string ticketKey, IReadOnlyList<UnattachedFile> failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"The ticket {ticketKey} is filed, but I couldn't attach everything:");
        foreach (var file in failed)
        {
            text.Append("\n- ").Append(file.FileName).Append(": ").Append(file.Reason);
        }

        return text.Append("\nYou can add them to the ticket in Jira yourself.").ToString();
    }

    /// <summary>The confirm card's line: what will be attached.</summary>
    public static string WillAttach(IReadOnlyList<string> fileNames) =>
        fileNames.Count == 0
            ? "Attached: the transcript of this conversation."
            : $"Attached: the transcript of this conversation and {Names(fileNames)}.";

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count switch
        {
            0 => string.Empty,
            1 => list[0],
            _ => string.Join(", ", list[..^1]) + " and " + list[^1],
        };
    }
}
