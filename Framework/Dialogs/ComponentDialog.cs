using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// A dialog made of dialogs: it runs its own inner stack, persisted inside its instance state, and
/// looks like one dialog to its parent. Override <see cref="OnContinueDialogAsync"/> to intercept
/// messages before the inner dialogs see them (help, cancel).
/// </summary>
public class ComponentDialog : Dialog
{
    internal const string PersistedDialogState = "dialogs";

    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
    }

    /// <summary>The dialog begun when the component begins; the first one added unless set.</summary>
    public string? InitialDialogId { get; set; }

    public DialogSet Dialogs { get; } = new();

    public ComponentDialog AddDialog(Dialog dialog)
    {
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId);

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog ?? throw new InvalidOperationException($"ComponentDialog '{Id}' has no active instance.");
        var innerState = new DialogState();
        instance.State[PersistedDialogState] = innerState;
        var innerDc = new DialogContext(Dialogs, dc.Context, innerState) { Parent = dc };
        var turnResult = await OnBeginDialogAsync(innerDc, options, cancellationToken);
        return await AfterInnerTurnAsync(dc, instance, turnResult, cancellationToken);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog ?? throw new InvalidOperationException($"ComponentDialog '{Id}' has no active instance.");
        var innerDc = CreateInnerContext(dc.Context, instance, dc);
        var turnResult = await OnContinueDialogAsync(innerDc, cancellationToken);
        return await AfterInnerTurnAsync(dc, instance, turnResult, cancellationToken);
    }

    /// <summary>
    /// Only reached when the component itself began a dialog on its parent's stack; the inner
    /// dialog is asked again for its input, as the SDK does.
    /// </summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }

    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var innerDc = CreateInnerContext(turnContext, instance, null);
        await innerDc.RepromptDialogAsync(cancellationToken);
        await OnRepromptDialogAsync(turnContext, instance, cancellationToken);
    }

    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (reason == DialogReason.CancelCalled)
        {
            // Inner dialogs get their end notification too.
            var innerDc = CreateInnerContext(turnContext, instance, null);
            await innerDc.CancelAllDialogsAsync(cancellationToken);
        }

        await OnEndDialogAsync(turnContext, instance, reason, cancellationToken);
    }

    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var initial = InitialDialogId ?? throw new InvalidOperationException($"ComponentDialog '{Id}' has no dialogs.");
        return innerDc.BeginDialogAsync(initial, options, cancellationToken);
    }

    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.ContinueDialogAsync(cancellationToken);
    }

    protected virtual Task OnEndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnRepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Ends the component with the inner stack's result; override to post-process it.</summary>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        return outerDc.EndDialogAsync(result, cancellationToken);
    }

    private async Task<DialogTurnResult> AfterInnerTurnAsync(DialogContext outerDc, DialogInstance instance, DialogTurnResult turnResult, CancellationToken cancellationToken)
    {
        if (turnResult.Status == DialogTurnStatus.Waiting)
        {
            return EndOfTurn;
        }

        // Cancelling with cancelParents already removed this component from the outer stack.
        if (!ReferenceEquals(outerDc.ActiveDialog, instance))
        {
            return turnResult;
        }

        return await EndComponentAsync(outerDc, turnResult.Result, cancellationToken);
    }

    private DialogContext CreateInnerContext(ITurnContext turnContext, DialogInstance instance, DialogContext? parent)
    {
        var innerState = instance.State.GetValue<DialogState>(PersistedDialogState) ?? new DialogState();
        instance.State[PersistedDialogState] = innerState;
        return new DialogContext(Dialogs, turnContext, innerState) { Parent = parent };
    }
}
