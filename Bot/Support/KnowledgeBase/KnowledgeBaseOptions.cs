namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>Bound from the <c>KnowledgeBase</c> configuration section.</summary>
public sealed class KnowledgeBaseOptions
{
    public const string SectionName = "KnowledgeBase";

    public const string DefaultPath = "Support/KnowledgeBase/knowledge-base.json";

    /// <summary>The JSON file; a relative path is resolved against the application's base directory.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// The score below which an utterance matches nothing. One exact keyword scores 3, one supporting
    /// word 1.5, so the default needs a keyword or two supporting words.
    /// </summary>
    public double MinimumScore { get; set; } = 2.0;
}
