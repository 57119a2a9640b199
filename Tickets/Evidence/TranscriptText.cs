using System.Globalization;
using System.Text;

namespace TeamsItBot.Tickets.Evidence;

/// <summary>
/// The transcript file attached to a ticket: plain UTF-8 text, one block per turn with its UTC time,
/// the words exactly as typed (a text file renders nothing), and a note where turns were left out.
/// </summary>
public static class TranscriptText
{
    public static string Render(TicketEvidence evidence, string problem)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var text = new StringBuilder()
            .Append("Conversation transcript (IT Support Chatbot), times in UTC\n")
            .Append("Problem: ").Append(OneLine(problem)).Append("\n\n");
        for (var i = 0; i < evidence.Transcript.Count; i++)
        {
            if (evidence.OmittedTurns > 0 && i == evidence.FirstPartTurns)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"[... {evidence.OmittedTurns} turns left out: the transcript keeps the first {evidence.FirstPartTurns} and the last {evidence.Transcript.Count - evidence.FirstPartTurns} ...]\n\n");
            }

            var turn = evidence.Transcript[i];
            text.Append('[').Append(turn.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC] ")
                .Append(turn.FromUser ? "User" : "Bot").Append(" (").Append(OneLine(turn.Name)).Append("):\n")
                .Append(Indent(turn.Text)).Append("\n\n");
        }

        return text.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Indent(string text) => "  " + text.ReplaceLineEndings("\n").Replace("\n", "\n  ", StringComparison.Ordinal);
}
