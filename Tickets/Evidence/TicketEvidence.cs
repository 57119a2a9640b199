namespace TeamsItBot.Tickets.Evidence;

/// <summary>One turn of the conversation about the problem, as the transcript shows it.</summary>
/// <param name="At">When it was said (UTC).</param>
/// <param name="FromUser">True for the user, false for the bot.</param>
/// <param name="Name">Display name of who spoke.</param>
/// <param name="Text">What was said, verbatim (already bounded by the collector).</param>
public sealed record TranscriptTurn(DateTimeOffset At, bool FromUser, string Name, string Text);

/// <summary>
/// A file the user sent in the chat, already downloaded, checked and stored under the evidence
/// directory (<see cref="EvidenceOptions.Directory"/>) at <see cref="StoredPath"/>.
/// </summary>
/// <param name="StoredPath">Relative to the evidence directory, with '/' separators: "{id}/{FileName}".</param>
/// <param name="FileName">The sanitised name the ticket shows.</param>
/// <param name="ContentType">The type read from the content itself (never the sender's claim).</param>
/// <param name="Size">Bytes.</param>
public sealed record EvidenceFile(string StoredPath, string FileName, string ContentType, long Size);

/// <summary>A file that did not make it onto the ticket, and why (a sentence for the user).</summary>
public sealed record UnattachedFile(string FileName, string Reason);

/// <summary>
/// What goes on the ticket besides its description: the transcript (the first and the last turns
/// when it was longer than the collector keeps; <see cref="OmittedTurns"/> says how many are left
/// out) and the files. <see cref="Unattached"/> is filled in once the upload was tried.
/// </summary>
public sealed record TicketEvidence(
    IReadOnlyList<TranscriptTurn> Transcript,
    IReadOnlyList<EvidenceFile> Files,
    int OmittedTurns = 0,
    int FirstPartTurns = 0,
    IReadOnlyList<UnattachedFile>? Unattached = null)
{
    public static TicketEvidence None { get; } = new([], []);

    public bool IsEmpty => Transcript.Count == 0 && Files.Count == 0;
}

/// <summary>What the upload of a ticket's evidence came to.</summary>
public sealed record AttachmentReport(IReadOnlyList<string> Attached, IReadOnlyList<UnattachedFile> Failed)
{
    public static AttachmentReport Nothing { get; } = new([], []);
}
