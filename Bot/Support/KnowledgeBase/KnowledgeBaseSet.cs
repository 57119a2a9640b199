namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>The English knowledge base and its translations, all with the same topic ids.</summary>
public sealed class KnowledgeBaseSet(KnowledgeBase english, IReadOnlyDictionary<string, KnowledgeBase> translations)
{
    public KnowledgeBase English { get; } = english;

    public IReadOnlyDictionary<string, KnowledgeBase> Translations { get; } = translations;

    /// <summary>The guides in that language, or English when there is no translation file.</summary>
    public KnowledgeBase For(string? language) =>
        language is not null && Translations.TryGetValue(language, out var translated) ? translated : English;

    /// <summary>A topic in the language (falling back to English per topic); null when the id is unknown.</summary>
    public Topic? FindTopic(string? id, string? language) => For(language).FindTopic(id) ?? English.FindTopic(id);
}
