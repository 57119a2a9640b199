using TeamsItBot.Framework.Hosting;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>One turn's view of a dialog stack: starts, continues, ends and cancels dialogs on it.</summary>
public class DialogContext
{
    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        Dialogs = dialogs;
        Context = turnContext;
        State = state;
    }

    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    public DialogState State { get; }

    /// <summary>The stack, active dialog first.</summary>
    public IList<DialogInstance> Stack => State.DialogStack;

    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>The context of the component this stack belongs to; null for the root stack.</summary>
    public DialogContext? Parent { get; set; }

    /// <summary>The dialog with that id in this set, else in a parent's set.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        var dialog = FindDialog(dialogId)
            ?? throw new InvalidOperationException($"DialogContext.BeginDialogAsync(): no dialog with the id '{dialogId}' was found.");
        Stack.Insert(0, new DialogInstance { Id = dialogId });
        return await dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    /// <summary>Begins a prompt; the SDK's shorthand for <see cref="BeginDialogAsync"/> with prompt options.</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Hands the turn's activity to the active dialog; <see cref="DialogTurnStatus.Empty"/> when there is none.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } instance)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        return await ActiveDialogOf(instance, "ContinueDialogAsync").ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>Ends the active dialog and resumes its parent on the stack with the result.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken);
        if (ActiveDialog is { } parent)
        {
            return await ActiveDialogOf(parent, "EndDialogAsync").ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken);
        }

        return new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    /// <summary>Ends every dialog on this stack (each is told <see cref="DialogReason.CancelCalled"/>).</summary>
    public Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default) =>
        CancelAllDialogsAsync(cancelParents: false, cancellationToken);

    /// <summary>Like <see cref="CancelAllDialogsAsync(CancellationToken)"/>; with <paramref name="cancelParents"/> the enclosing stacks are emptied too.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(bool cancelParents, CancellationToken cancellationToken = default)
    {
        var hadDialogs = Stack.Count > 0;
        while (Stack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken);
        }

        if (cancelParents && Parent is not null)
        {
            var parentResult = await Parent.CancelAllDialogsAsync(cancelParents: true, cancellationToken);
            hadDialogs |= parentResult.Status == DialogTurnStatus.Cancelled;
        }

        return new DialogTurnResult(hadDialogs ? DialogTurnStatus.Cancelled : DialogTurnStatus.Empty);
    }

    /// <summary>Ends the active dialog without resuming its parent and starts another in its place.</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is { } instance)
        {
            await ActiveDialogOf(instance, "RepromptDialogAsync").RepromptDialogAsync(Context, instance, cancellationToken);
        }
    }

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is not { } instance)
        {
            return;
        }

        // A stale stack may name a dialog the code no longer has: drop the entry all the same.
        if (FindDialog(instance.Id) is { } dialog)
        {
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken);
        }

        Stack.RemoveAt(0);
    }

    private Dialog ActiveDialogOf(DialogInstance instance, string operation) =>
        FindDialog(instance.Id)
        ?? throw new InvalidOperationException($"DialogContext.{operation}(): the active dialog '{instance.Id}' is not in the dialog set (stale stored state?).");
}
