using TeamsItBot.Support.KnowledgeBase;
using TeamsItBot.Support.Understanding;

namespace TeamsItBot.Tests.Support.Understanding;

/// <summary>The shipped knowledge base, its translations and the topic index, built once for all tests.</summary>
public static class SharedKnowledge
{
    private static readonly Lazy<TopicIndex> LazyIndex = new(() =>
    {
        var english = KnowledgeBaseLoader.Load(KnowledgeBaseOptions.DefaultPath);
        return new TopicIndex(KnowledgeBaseServiceCollectionExtensions.LoadSet(KnowledgeBaseOptions.DefaultPath, english));
    });

    public static TopicIndex Index => LazyIndex.Value;
}
