namespace TeamsItBot.Support.Understanding.LanguageModel;

/// <summary>One answer the model may give: a knowledge-base topic id or an intent id, with a line saying what it covers.</summary>
public sealed record ModelChoice(string Id, string Description);
