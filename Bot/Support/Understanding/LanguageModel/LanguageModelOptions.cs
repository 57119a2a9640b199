namespace TeamsItBot.Support.Understanding.LanguageModel;

/// <summary>
/// Bound from the <c>AI</c> section (<c>AI__Endpoint</c>, <c>AI__Model</c>, <c>AI__ApiKey</c>, <c>AI__Timeout</c>).
/// Off unless <see cref="Endpoint"/> is set: the bot never needs a model.
/// </summary>
public sealed class LanguageModelOptions
{
    public const string SectionName = "AI";

    /// <summary>An OpenAI-compatible API base, e.g. <c>http://localhost:11434/v1</c>; chat/completions is called below it.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>A secret: from configuration or the environment only, never logged. Local servers may need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long a turn waits for the model before it answers with the local matcher's result.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}
