namespace TeamsItBot.Framework.Dialogs;

/// <summary>What a prompt made of the user's input.</summary>
public sealed class PromptRecognizerResult<T>
{
    public bool Succeeded { get; set; }

    public T? Value { get; set; }
}
