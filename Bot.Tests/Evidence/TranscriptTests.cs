using System.Text.Json;
using TeamsItBot.Support.Evidence;
using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Tests.Evidence;

/// <summary>The transcript stays bounded in conversation state and says what it left out.</summary>
public sealed class TranscriptTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_500_turn_conversation_keeps_the_first_and_last_turns_with_a_note()
    {
        var evidence = new ConversationEvidence();
        for (var i = 1; i <= 500; i++)
        {
            evidence.Add(new TranscriptTurn(Start.AddSeconds(i), i % 2 == 1, i % 2 == 1 ? "Ann" : "IT Bot", $"turn {i}"), maxTurns: 60);
        }

        var ticket = evidence.ToTicketEvidence();
        var text = TranscriptText.Render(ticket, "VPN drops");

        Assert.Equal(500, evidence.TurnCount);
        Assert.Equal(60, ticket.Transcript.Count);
        Assert.Equal(440, ticket.OmittedTurns);
        Assert.Equal(["turn 1", "turn 12"], new[] { ticket.Transcript[0].Text, ticket.Transcript[11].Text });
        Assert.Equal(["turn 453", "turn 500"], new[] { ticket.Transcript[12].Text, ticket.Transcript[^1].Text });
        Assert.Contains("  turn 12\n\n[... 440 turns left out: the transcript keeps the first 12 and the last 48 ...]\n\n[2026-12-01 09:07:33 UTC] User (Ann):\n  turn 453", text, StringComparison.Ordinal);
        Assert.EndsWith("[2026-12-01 09:08:20 UTC] Bot (IT Bot):\n  turn 500\n\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("turn 13\n", text, StringComparison.Ordinal);
        // Bounded while the problem is open, whatever the conversation's length.
        Assert.InRange(JsonSerializer.Serialize(evidence).Length, 1, 8000);
    }

    [Fact]
    public void The_users_words_are_kept_literally_with_their_lines()
    {
        var evidence = new TicketEvidence([new TranscriptTurn(Start, true, "Ann\nLee", "**not bold** `x`\r\n%appdata%\\Microsoft <b>")], []);

        var text = TranscriptText.Render(evidence, "line1\nline2");

        Assert.Contains("Problem: line1 line2\n", text, StringComparison.Ordinal);
        Assert.Contains("[2026-12-01 09:00:00 UTC] User (Ann Lee):\n  **not bold** `x`\n  %appdata%\\Microsoft <b>\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("note", text, StringComparison.OrdinalIgnoreCase);
    }
}
