namespace TeamsItBot.Framework.Dialogs;

public enum DialogTurnStatus
{
    /// <summary>The stack was empty: nothing handled the activity.</summary>
    Empty,

    /// <summary>A dialog is active and waits for the user.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended; the result is its value.</summary>
    Complete,

    /// <summary>The stack was cancelled.</summary>
    Cancelled,
}
