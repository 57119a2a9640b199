using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// Runs its steps in order, one per turn or several in a turn when a step calls
/// <see cref="WaterfallStepContext.NextAsync"/>; a step that begins a prompt or another dialog
/// gets that dialog's result as <see cref="WaterfallStepContext.Result"/> in the next step.
/// With no step left the dialog ends with the last result.
/// </summary>
public class WaterfallDialog : Dialog
{
    internal const string StepIndexKey = "stepIndex";
    internal const string OptionsKey = "options";
    internal const string ValuesKey = "values";

    private readonly List<WaterfallStep> _steps;

    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? steps = null)
        : base(dialogId)
    {
        _steps = steps is null ? [] : [.. steps];
        if (_steps.Any(s => s is null))
        {
            throw new ArgumentException("A waterfall step is null.", nameof(steps));
        }
    }

    public int StepCount => _steps.Count;

    public WaterfallDialog AddStep(WaterfallStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = ActiveState(dc);
        state[OptionsKey] = options;
        state[ValuesKey] = new Dictionary<string, object?>(StringComparer.Ordinal);
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <summary>A message is the answer to the last step; other activities (typing, updates) leave the waterfall waiting.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.Context.Activity.IsType(ActivityTypes.Message)
            ? ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken)
            : Task.FromResult(EndOfTurn);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var index = ActiveState(dc).GetValue<int>(StepIndexKey);
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    /// <summary>Runs one step; override to wrap every step (logging, telemetry).</summary>
    protected virtual Task<DialogTurnResult> OnStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stepContext);
        return _steps[stepContext.Index](stepContext, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken);
        }

        var state = ActiveState(dc);
        state[StepIndexKey] = index;
        var values = state.GetValue<IDictionary<string, object?>>(ValuesKey) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        state[ValuesKey] = values;
        var stepContext = new WaterfallStepContext(this, dc, state.TryGetValue(OptionsKey, out var options) ? options : null, values, index, reason, result);
        return await OnStepAsync(stepContext, cancellationToken);
    }

    private IDictionary<string, object?> ActiveState(DialogContext dc) =>
        dc.ActiveDialog is { } instance && instance.Id == Id
            ? instance.State
            : throw new InvalidOperationException($"WaterfallDialog '{Id}' is not the active dialog.");
}
