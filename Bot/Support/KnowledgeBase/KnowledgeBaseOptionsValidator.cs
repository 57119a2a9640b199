using Microsoft.Extensions.Options;

namespace TeamsItBot.Support.KnowledgeBase;

/// <summary>
/// Refuses to start unless the knowledge base file exists, parses and satisfies the schema, so an
/// admin's typo shows up at deployment with the file and the problem named, not on the first message.
/// </summary>
public sealed class KnowledgeBaseOptionsValidator : IValidateOptions<KnowledgeBaseOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeBaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return ValidateOptionsResult.Fail($"{KnowledgeBaseOptions.SectionName}:Path must name the knowledge base JSON file.");
        }

        if (!(options.MinimumScore > 0))
        {
            return ValidateOptionsResult.Fail($"{KnowledgeBaseOptions.SectionName}:MinimumScore must be positive (got {options.MinimumScore}).");
        }

        try
        {
            _ = new TopicMatcher(KnowledgeBaseLoader.Load(options.Path), options.MinimumScore);
            return ValidateOptionsResult.Success;
        }
        catch (KnowledgeBaseException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
