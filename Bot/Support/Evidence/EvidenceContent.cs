using System.Text;

namespace TeamsItBot.Support.Evidence;

/// <summary>What a downloaded file really is, from its first bytes; the sender's content type is only a hint.</summary>
public static class EvidenceContent
{
    public const string Html = "text/html";

    /// <summary>image/png, image/jpeg, image/gif, image/webp, image/bmp, application/pdf, text/plain, <see cref="Html"/>, or null (anything else).</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (content.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)) return "image/gif";
        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (content.Length > 26 && content.StartsWith("BM"u8)) return "image/bmp";
        if (content.StartsWith("%PDF-"u8)) return "application/pdf";
        if (content.IndexOf((byte)0) >= 0 || !IsUtf8(content)) return null;
        return LooksLikeHtml(content) ? Html : "text/plain";
    }

    private static bool IsUtf8(ReadOnlySpan<byte> content)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>An error page or sign-in page served in place of the file (a text file never starts like this).</summary>
    private static bool LooksLikeHtml(ReadOnlySpan<byte> content)
    {
        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<head", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<body", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase);
    }
}
