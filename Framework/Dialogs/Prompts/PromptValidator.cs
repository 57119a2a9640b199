namespace TeamsItBot.Framework.Dialogs;

/// <summary>Decides whether the recognized input is acceptable; false re-prompts (unless the validator replied itself).</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);
