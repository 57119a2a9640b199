namespace TeamsItBot.Framework.Dialogs;

/// <summary>The outcome of one dialog call: whether the stack waits, ended, or was empty, and the result.</summary>
public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null);
