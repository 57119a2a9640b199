namespace TeamsItBot.Framework.Dialogs;

/// <summary>One option of a choice prompt; the user may answer with the value, a synonym, or its number.</summary>
public sealed class Choice
{
    public Choice()
    {
    }

    public Choice(string value) => Value = value;

    public string Value { get; set; } = string.Empty;

    public IList<string>? Synonyms { get; set; }
}
