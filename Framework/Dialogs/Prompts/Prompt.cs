using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// Asks the user for one value of type <typeparamref name="T"/> and ends with it. Input that is
/// not recognized, or that the validator refuses, is answered with the retry prompt and the
/// prompt keeps waiting.
/// </summary>
public abstract class Prompt<T> : Dialog
{
    internal const string AttemptCountKey = "attemptCount";
    private const string OptionsKey = "options";
    private const string StateKey = "state";

    private readonly PromptValidator<T>? _validator;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId) => _validator = validator;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var promptOptions = options switch
        {
            PromptOptions typed => typed,
            null => throw new ArgumentException($"Prompt '{Id}' needs PromptOptions.", nameof(options)),
            var other => DialogValueExtensions.ConvertTo<PromptOptions>(other)!,
        };

        var instanceState = dc.ActiveDialog!.State;
        var promptState = new Dictionary<string, object?>(StringComparer.Ordinal) { [AttemptCountKey] = 0 };
        instanceState[OptionsKey] = promptOptions;
        instanceState[StateKey] = promptState;
        await OnPromptAsync(dc.Context, promptState, promptOptions, isRetry: false, cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (!dc.Context.Activity.IsType(ActivityTypes.Message))
        {
            return EndOfTurn;
        }

        var (promptState, promptOptions) = Read(dc.ActiveDialog!);
        var recognized = await OnRecognizeAsync(dc.Context, promptState, promptOptions, cancellationToken);
        promptState[AttemptCountKey] = promptState.GetValue<int>(AttemptCountKey) + 1;

        var valid = _validator is null
            ? recognized.Succeeded
            : await _validator(new PromptValidatorContext<T>(dc.Context, recognized, promptState, promptOptions), cancellationToken);
        if (valid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }

        // A validator that answered the user itself has said what to do next.
        if (!dc.Context.Responded)
        {
            await OnPromptAsync(dc.Context, promptState, promptOptions, isRetry: true, cancellationToken);
        }

        return EndOfTurn;
    }

    /// <summary>A dialog begun over the prompt (an interruption) has ended: ask again.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }

    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var (promptState, promptOptions) = Read(instance);
        await OnPromptAsync(turnContext, promptState, promptOptions, isRetry: false, cancellationToken);
    }

    /// <summary>Sends the prompt, or the retry prompt when <paramref name="isRetry"/>.</summary>
    protected virtual async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var template = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        if (template is not null)
        {
            await turnContext.SendActivityAsync(Decorate(CloneActivity(template), options), cancellationToken);
        }
    }

    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken);

    /// <summary>Adds to the outgoing prompt what the subclass shows (the choices); unchanged by default.</summary>
    protected virtual Activity Decorate(Activity prompt, PromptOptions options) => prompt;

    /// <summary>
    /// The stored prompt must not change when sent (sending addresses the activity in place), or
    /// a later re-prompt would carry the first one's reply id.
    /// </summary>
    private static Activity CloneActivity(Activity activity) =>
        JsonRoundTrip.Convert<Activity>(activity)!;

    private static (IDictionary<string, object?> State, PromptOptions Options) Read(DialogInstance instance)
    {
        var state = instance.State.GetValue<IDictionary<string, object?>>(StateKey) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        instance.State[StateKey] = state;
        var options = instance.State.GetValue<PromptOptions>(OptionsKey) ?? new PromptOptions();
        return (state, options);
    }
}
