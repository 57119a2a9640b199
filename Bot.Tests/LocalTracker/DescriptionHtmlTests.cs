using TeamsItBot.LocalTracker;

namespace TeamsItBot.Tests.LocalTracker;

/// <summary>The local tracker shows a description with the Markdown subset mcp-atlassian's Cloud converter knows, no more.</summary>
public sealed class DescriptionHtmlTests
{
    [Theory]
    [InlineData("**bold** and *it* and ~~gone~~", "<p><strong>bold</strong> and <em>it</em> and <del>gone</del></p>")]
    [InlineData("[site](https://example.com)", "<p><a href=\"https://example.com\">site</a></p>")]
    [InlineData("[x](javascript:alert(1))", "<p><a href=\"#\">x</a></p>")]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("_not italic_ and snake_case", "<p>_not italic_ and snake_case</p>")]
    [InlineData(@"\*kept\* C:\Users &amp; <https://x.example>", "<p>\\<em>kept\\</em> C:\\Users &amp;amp; &lt;https://x.example&gt;</p>")]
    [InlineData("line\n\n---\n# title", "<p>line</p>\n<hr />\n<h1>title</h1>")]
    [InlineData("    not code", "<p>not code</p>")]
    [InlineData("one\rtwo", "<p>one<br>two</p>")]
    public void Renders_only_what_the_converter_renders(string markdown, string html) =>
        Assert.Equal(html, DescriptionHtml.Render(markdown).TrimEnd('\n'));
}
