using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.State;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>
/// The dialogs that can run together on one stack. Built once (at start-up or in a component's
/// constructor) and shared by all turns; the per-conversation stack comes from the accessor.
/// </summary>
public sealed class DialogSet(IStatePropertyAccessor<DialogState>? dialogState = null)
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    /// <summary>Adds a dialog; the same instance twice is a no-op, another dialog with a taken id is an error.</summary>
    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (_dialogs.TryGetValue(dialog.Id, out var existing))
        {
            return ReferenceEquals(existing, dialog)
                ? this
                : throw new InvalidOperationException($"DialogSet.Add(): a different dialog with the id '{dialog.Id}' was already added.");
        }

        _dialogs.Add(dialog.Id, dialog);
        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    public IEnumerable<Dialog> GetDialogs() => _dialogs.Values;

    /// <summary>Loads the conversation's dialog stack (a new one when none is stored) and wraps it for this turn.</summary>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (dialogState is null)
        {
            throw new InvalidOperationException("DialogSet.CreateContextAsync(): the set was created without a DialogState accessor.");
        }

        var state = await dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken) ?? new DialogState();
        return new DialogContext(this, turnContext, state);
    }
}
