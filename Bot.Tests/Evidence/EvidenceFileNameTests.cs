using TeamsItBot.Support.Evidence;

namespace TeamsItBot.Tests.Evidence;

/// <summary>Names the user chose become safe to store and show: no directories, no control or bidi characters, an honest extension.</summary>
public sealed class EvidenceFileNameTests
{
    [Theory]
    [InlineData("screenshot.png", "image/png", "screenshot.png")]
    [InlineData("../../etc/passwd.png", "image/png", "passwd.png")]
    [InlineData("..\\..\\Windows\\win.ini.txt", "text/plain", "win.ini.txt")]
    [InlineData("/etc/shadow", "text/plain", "shadow.txt")]
    [InlineData("bad\u0007name\u0000.log", "text/plain", "badname.log")]
    [InlineData("invoice\u202Egnp.exe", "image/png", "invoicegnp.exe.png")]
    [InlineData("line\r\nbreak.txt", "text/plain", "linebreak.txt")]
    [InlineData("..", "image/png", "screenshot.png")]
    [InlineData("", "application/pdf", "attachment.pdf")]
    [InlineData(null, "image/jpeg", "screenshot.jpg")]
    [InlineData(".bashrc", "text/plain", "bashrc.txt")]
    [InlineData("CON.txt", "text/plain", "_CON.txt")]
    [InlineData("a<b>c:d|e?f*.txt", "text/plain", "a_b_c_d_e_f_.txt")]
    [InlineData("photo.html", "image/png", "photo.html.png")]
    [InlineData("report", "application/pdf", "report.pdf")]
    [InlineData("crash.LOG", "text/plain", "crash.LOG")]
    [InlineData("café ✓ 日本.txt", "text/plain", "café ✓ 日本.txt")]
    public void A_sent_name_is_made_safe(string? sent, string contentType, string expected) =>
        Assert.Equal(expected, EvidenceFileNames.Sanitize(sent, contentType));

    [Fact]
    public void A_very_long_name_is_cut_and_keeps_its_extension()
    {
        var name = EvidenceFileNames.Sanitize(new string('x', 300) + ".png", "image/png");

        Assert.Equal(EvidenceFileNames.MaxLength, name.Length);
        Assert.EndsWith(".png", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_stay_unique_on_one_ticket_and_never_take_the_transcripts()
    {
        Assert.Equal("shot (2).png", EvidenceFileNames.Unique("shot.png", ["shot.png"]));
        Assert.Equal("shot (3).png", EvidenceFileNames.Unique("shot.png", ["shot.png", "SHOT (2).png"]));
        Assert.Equal("transcript (2).txt", EvidenceFileNames.Unique("transcript.txt", []));
    }
}
