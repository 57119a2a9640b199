using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.Dialogs;

public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(ITurnContext context, PromptRecognizerResult<T> recognized, IDictionary<string, object?> state, PromptOptions options)
    {
        Context = context;
        Recognized = recognized;
        State = state;
        Options = options;
    }

    public ITurnContext Context { get; }

    public PromptRecognizerResult<T> Recognized { get; }

    /// <summary>The prompt's persisted state; a validator may keep its own values here.</summary>
    public IDictionary<string, object?> State { get; }

    public PromptOptions Options { get; }

    /// <summary>How many answers the user has given to this prompt, this one included (1 on the first).</summary>
    public int AttemptCount => State.GetValue<int>(Prompt<T>.AttemptCountKey);
}
