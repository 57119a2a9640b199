using System.Globalization;
using System.Text;
using TeamsItBot.Framework.Schema;

namespace TeamsItBot.Framework.Dialogs;

/// <summary>Builds choices and renders them into a prompt's text, numbered so the user can answer with a number.</summary>
public static class ChoiceFactory
{
    private const int InlineMaxChoices = 3;
    private const int InlineMaxLength = 20;

    public static IList<Choice> ToChoices(IEnumerable<string> values) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => new Choice(v))];

    /// <summary>Appends the choices to <paramref name="text"/> in the given style.</summary>
    public static string Render(string? text, IList<Choice> choices, ListStyle style) =>
        choices.Count == 0 ? text ?? string.Empty : style switch
        {
            ListStyle.Inline => Inline(text, choices),
            ListStyle.List => List(text, choices),
            ListStyle.Auto => choices.Count <= InlineMaxChoices && choices.All(c => c.Value.Length <= InlineMaxLength)
                ? Inline(text, choices)
                : List(text, choices),
            _ => text ?? string.Empty,
        };

    /// <summary>"text (1) Red, (2) Green, or (3) Blue"; two choices: "text (1) Yes or (2) No".</summary>
    public static string Inline(string? text, IList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var builder = new StringBuilder(text);
        for (var i = 0; i < choices.Count; i++)
        {
            var separator = i == 0 ? (string.IsNullOrEmpty(text) ? string.Empty : " ")
                : i < choices.Count - 1 ? ", "
                : choices.Count == 2 ? " or " : ", or ";
            builder.Append(separator).Append(CultureInfo.InvariantCulture, $"({i + 1}) {choices[i].Value}");
        }

        return builder.ToString();
    }

    /// <summary>The text, a blank line, then "1. Red" per line (a numbered list in Teams markdown).</summary>
    public static string List(string? text, IList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var lines = choices.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {c.Value}"));
        var list = string.Join("\n", lines);
        return string.IsNullOrEmpty(text) ? list : $"{text}\n\n{list}";
    }

    /// <summary>A message activity whose text is <paramref name="text"/> followed by the rendered choices.</summary>
    public static Activity ForChoices(string? text, IList<Choice> choices, ListStyle style = ListStyle.Auto) =>
        Activity.CreateMessageActivity(Render(text, choices, style));
}
