using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>; the answer may be the value,
/// a synonym, or the choice's number (see <see cref="ChoiceRecognizer"/>). Ends with a <see cref="FoundChoice"/>.
/// </summary>
public sealed class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(dialogId, validator)
{
    /// <summary>How choices are appended to the prompt text unless the options say otherwise.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var found = ChoiceRecognizer.Recognize(turnContext.Activity.Text, options.Choices ?? []);
        return Task.FromResult(new PromptRecognizerResult<FoundChoice> { Succeeded = found is not null, Value = found });
    }

    protected override Activity Decorate(Activity prompt, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Choices is { Count: > 0 } choices)
        {
            prompt.Text = ChoiceFactory.Render(prompt.Text, choices, options.Style ?? Style);
        }

        return prompt;
    }
}
