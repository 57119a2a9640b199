namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>The knowledge base file is missing or invalid; the message names the file and the problem.</summary>
public sealed class KnowledgeBaseException : Exception
{
    public KnowledgeBaseException()
    {
    }

    public KnowledgeBaseException(string message) : base(message)
    {
    }

    public KnowledgeBaseException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
