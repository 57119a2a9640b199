using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>What a prompt asks, how it asks again after bad input, and (for choice prompts) the choices.</summary>
public sealed class PromptOptions
{
    public Activity? Prompt { get; set; }

    /// <summary>Sent after input that was not recognized or not valid; <see cref="Prompt"/> when unset.</summary>
    public Activity? RetryPrompt { get; set; }

    public IList<Choice>? Choices { get; set; }

    /// <summary>How choices are shown; the prompt's own style when unset.</summary>
    public ListStyle? Style { get; set; }

    /// <summary>Free data for a validator (e.g. a range); in its JSON shape after a turn boundary.</summary>
    public object? Validations { get; set; }
}
