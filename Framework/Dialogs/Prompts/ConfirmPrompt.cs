using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// Asks a yes/no question and ends with a bool. Understands English yes/no words at the start of
/// the answer ("yes", "Yeah!", "sure thing", "nope, still broken"), the labels of
/// <see cref="ConfirmChoices"/>, and "1"/"2". Unlike the SDK the choices are not shown unless
/// <see cref="Style"/> (or <see cref="PromptOptions.Style"/>) asks for them.
/// </summary>
public sealed class ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null) : Prompt<bool>(dialogId, validator)
{
    private static readonly string[] YesPhrases =
        ["yes", "yeah", "yea", "yep", "yup", "ya", "y", "sure", "ok", "okay", "correct", "right", "absolutely", "definitely", "of course", "true", "affirmative", "please do"];

    private static readonly string[] NoPhrases =
        ["no", "nope", "nah", "n", "nay", "not really", "not at all", "not yet", "negative", "false"];

    public ListStyle Style { get; set; } = ListStyle.None;

    /// <summary>The labels shown (and recognized) for yes and no.</summary>
    public (string Yes, string No) ConfirmChoices { get; set; } = ("Yes", "No");

    /// <summary>Recognizes a yes/no answer; null when the text is neither.</summary>
    public static bool? Recognize(string? text, (string Yes, string No) labels)
    {
        switch (text?.Trim())
        {
            case "👍":
                return true;
            case "👎":
                return false;
        }

        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        if (StartsWithAny(normalized, NoPhrases.Where(p => p.Contains(' ', StringComparison.Ordinal))))
        {
            return false;
        }

        if (StartsWithAny(normalized, YesPhrases))
        {
            return true;
        }

        if (StartsWithAny(normalized, NoPhrases))
        {
            return false;
        }

        return ChoiceRecognizer.Recognize(normalized, [new Choice(labels.Yes), new Choice(labels.No)]) switch
        {
            { Index: 0 } => true,
            { Index: 1 } => false,
            _ => null,
        };
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var labels = options.Choices is { Count: 2 } custom ? (custom[0].Value, custom[1].Value) : ConfirmChoices;
        var answer = Recognize(turnContext.Activity.Text, labels);
        return Task.FromResult(new PromptRecognizerResult<bool> { Succeeded = answer.HasValue, Value = answer ?? false });
    }

    protected override Activity Decorate(Activity prompt, PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        var choices = options.Choices is { Count: 2 } custom ? custom : [new Choice(ConfirmChoices.Yes), new Choice(ConfirmChoices.No)];
        prompt.Text = ChoiceFactory.Render(prompt.Text, choices, options.Style ?? Style);
        return prompt;
    }

    private static bool StartsWithAny(string text, IEnumerable<string> phrases) =>
        phrases.Any(p => text == p || text.StartsWith(p + " ", StringComparison.Ordinal));
}
