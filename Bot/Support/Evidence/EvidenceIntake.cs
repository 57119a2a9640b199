using TeamsItBot.Tickets.Evidence;

namespace TeamsItBot.Support.Evidence;

/// <summary>What became of the files of one message: kept (stored), refused (and why), and how many were over the per-ticket limit.</summary>
public sealed record EvidenceIntake(IReadOnlyList<EvidenceFile> Kept, IReadOnlyList<UnattachedFile> Refused, int OverLimit)
{
    public static EvidenceIntake Empty { get; } = new([], [], 0);
}

/// <summary>One file a message offers: its name, where to fetch it, and what the sender says it is.</summary>
public sealed record OfferedFile(string? Name, string Url, string? DeclaredType);
