namespace TeamsItBot.Framework.Dialogs;

/// <summary>The persisted dialog stack of one conversation; index 0 is the active dialog.</summary>
public sealed class DialogState
{
    public DialogState()
    {
    }

    public DialogState(IList<DialogInstance> stack) => DialogStack = stack;

    public IList<DialogInstance> DialogStack { get; set; } = [];
}
