using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>Asks for free text; any non-blank message is recognized (use a validator to be stricter).</summary>
public sealed class TextPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text;
        return Task.FromResult(new PromptRecognizerResult<string>
        {
            Succeeded = !string.IsNullOrWhiteSpace(text),
            Value = text,
        });
    }
}
