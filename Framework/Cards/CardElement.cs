using System.Text.Json.Serialization;

namespace TeamsItBot.Framework.Cards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
public abstract record CardElement
{
    public string? Id { get; init; }
    public string? Spacing { get; init; }
    public bool? Separator { get; init; }

    /// <summary>False hides the element until an <see cref="ActionToggleVisibility"/> shows it.</summary>
    public bool? IsVisible { get; init; }
}

/// <summary>Text with Adaptive Card markdown; never put raw user text here (see <see cref="RichTextBlock"/>).</summary>
public sealed record TextBlock(string Text) : CardElement
{
    public bool? Wrap { get; init; } = true;
    public string? Size { get; init; }
    public string? Weight { get; init; }
    public string? Color { get; init; }
    public bool? IsSubtle { get; init; }
    public int? MaxLines { get; init; }
}

/// <summary>
/// Text runs are not markdown-processed by renderers, so user-supplied text shown this way
/// stays inert whatever characters it contains.
/// </summary>
public sealed record RichTextBlock(IReadOnlyList<TextRun> Inlines) : CardElement
{
    public static RichTextBlock Plain(string text, bool italic = false) =>
        new([new TextRun(text) { Italic = italic ? true : null }]);
}

public sealed record TextRun(string Text)
{
    [JsonPropertyName("type")]
    public string Type { get; } = "TextRun";

    public bool? Italic { get; init; }
    public string? Weight { get; init; }
}

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public string? Style { get; init; }
}

/// <summary>A text input; its <see cref="CardElement.Id"/> is the key of its value in the submitted data.</summary>
public sealed record InputText : CardElement
{
    public string? Label { get; init; }
    public string? Placeholder { get; init; }
    public bool? IsMultiline { get; init; }
    public int? MaxLength { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    public string? Value { get; init; }
}

public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement;
