namespace TeamsItBot.Framework.Dialogs;

/// <summary>How a prompt shows its choices in the prompt text.</summary>
public enum ListStyle
{
    /// <summary>Not shown.</summary>
    None,

    /// <summary>Inline for up to three short choices, else a numbered list.</summary>
    Auto,

    /// <summary>"Text (1) Red, (2) Green or (3) Blue".</summary>
    Inline,

    /// <summary>The text, then one numbered line per choice.</summary>
    List,
}
