using Microsoft.Extensions.Options;

namespace TeamsItBot.Support.Understanding.LanguageModel;

/// <summary>Refuses to start with a half-configured model (no model name, a relative URL, a timeout that would stall turns).</summary>
public sealed class LanguageModelOptionsValidator : IValidateOptions<LanguageModelOptions>
{
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, LanguageModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var section = LanguageModelOptions.SectionName;
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            // The value may carry credentials in its user-info part: name the setting, not the value.
            return ValidateOptionsResult.Fail($"{section}:Endpoint must be an absolute http(s) URL of an OpenAI-compatible API (for example http://localhost:11434/v1).");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            return ValidateOptionsResult.Fail($"{section}:Model must name the model (or deployment) to use when {section}:Endpoint is set.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaximumTimeout)
        {
            return ValidateOptionsResult.Fail($"{section}:Timeout must be between 00:00:00.001 and {MaximumTimeout} (got {options.Timeout}); the user waits for it.");
        }

        return ValidateOptionsResult.Success;
    }
}
