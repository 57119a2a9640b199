namespace TeamsItBot.Framework.Dialogs;

/// <summary>The choice the user picked: its value, its zero-based index in the list, and what matched.</summary>
public sealed record FoundChoice(string Value, int Index, double Score = 1.0, string? Synonym = null);
