using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// Renders an issue description the way Jira Cloud shows it after mcp-atlassian's converter, so the local
/// tracker shows an admin what their Jira will: the same small Markdown subset (bold with **, italics with *,
/// ~~strike~~, `code`, links, lists, quotes, rules, headings with #) and nothing the converter lacks. Raw HTML,
/// backslash escapes, entities, autolinks, _underscore_ emphasis, setext headings and indented code stay
/// literal text, as they do in Jira Cloud. Links other than http(s)/mailto lose their target.
/// </summary>
internal static class DescriptionHtml
{
    // mcp-atlassian splits paragraphs on LF only; a lone CR stays inside the line (a user's line break
    // in our descriptions). Markdig would start a new line there, so it travels as a private-use marker.
    private const char CarriageReturnMarker = '\uE000';

    private static readonly MarkdownPipeline Pipeline = Build();

    public static string Render(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "<p><em>No description.</em></p>";
        var text = markdown.Replace(CarriageReturnMarker.ToString(), string.Empty, StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', CarriageReturnMarker);
        var document = Markdown.Parse(text, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        return document.ToHtml(Pipeline).Replace(CarriageReturnMarker.ToString(), "<br>", StringComparison.Ordinal);
    }

    private static bool IsSafe(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";

    private static MarkdownPipeline Build()
    {
        var builder = new MarkdownPipelineBuilder().DisableHtml().UseEmphasisExtras(EmphasisExtraOptions.Strikethrough);
        builder.InlineParsers.TryRemove<EscapeInlineParser>();
        builder.InlineParsers.TryRemove<HtmlEntityParser>();
        builder.InlineParsers.TryRemove<AutolinkInlineParser>();
        builder.InlineParsers.Find<EmphasisInlineParser>()!.EmphasisDescriptors.RemoveAll(d => d.Character == '_');
        builder.InlineParsers.Find<LineBreakInlineParser>()!.EnableSoftAsHard = true;
        builder.BlockParsers.TryRemove<IndentedCodeBlockParser>();
        builder.BlockParsers.Find<ParagraphBlockParser>()!.ParseSetextHeadings = false;
        return builder.Build();
    }
}
