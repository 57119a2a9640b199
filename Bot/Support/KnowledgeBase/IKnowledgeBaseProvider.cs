namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// The knowledge base in use now. Read <see cref="Current"/> each time (do not keep it): a valid
/// edit of the file replaces it while the bot runs; an invalid one leaves it and sets <see cref="LastError"/>.
/// </summary>
public interface IKnowledgeBaseProvider
{
    LoadedKnowledgeBase Current { get; }

    /// <summary>Why the newest edit was refused (same message as at start-up); null once a load succeeds.</summary>
    KnowledgeBaseLoadError? LastError { get; }
}

/// <summary>A loaded version: the guides, the matcher over them, and a version id (content hash).</summary>
public sealed record LoadedKnowledgeBase(KnowledgeBase KnowledgeBase, TopicMatcher Matcher, string Version, DateTimeOffset LoadedAt);

public sealed record KnowledgeBaseLoadError(string Message, DateTimeOffset At);
