using System.Text;
using TeamsItBot.Support.Evidence;

namespace TeamsItBot.Tests.Evidence;

/// <summary>What a file is comes from its bytes: a page served in place of a screenshot is HTML, whatever its headers said.</summary>
public sealed class EvidenceContentTests
{
    [Theory]
    [InlineData("89504E470D0A1A0A0000000D49484452", "image/png")]
    [InlineData("FFD8FFE000104A464946", "image/jpeg")]
    [InlineData("474946383961010001", "image/gif")]
    [InlineData("52494646240000005745425056503820", "image/webp")]
    [InlineData("255044462D312E340A", "application/pdf")]
    [InlineData("504B030414000000", null)]
    [InlineData("4D5A90000300000004", null)]
    public void Binary_content_is_recognised_by_its_signature(string hex, string? expected) =>
        Assert.Equal(expected, EvidenceContent.Sniff(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("2026-12-01 ERROR VPN dropped\n", "text/plain")]
    [InlineData("<!DOCTYPE html><html><body>Sign in</body></html>", EvidenceContent.Html)]
    [InlineData("\uFEFF\n  <html lang=\"en\">", EvidenceContent.Html)]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>", EvidenceContent.Html)]
    [InlineData("a < b and <html> later is fine", "text/plain")]
    public void Text_is_text_unless_it_is_a_web_page(string text, string expected) =>
        Assert.Equal(expected, EvidenceContent.Sniff(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Invalid_utf8_is_not_text() => Assert.Null(EvidenceContent.Sniff([0x41, 0xC3, 0x28, 0x42]));
}
