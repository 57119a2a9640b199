using System.Text;

namespace TeamsItBot.LocalTracker;

/// <summary>
/// What an attachment is served as, read from its bytes: one of a few images (shown inline), PDF, plain
/// text, or else opaque bytes. Never HTML or SVG, whatever the name says, so a file cannot become a page.
/// </summary>
internal static class AttachmentContentTypes
{
    public const string OctetStream = "application/octet-stream";
    public const string PlainText = "text/plain; charset=utf-8";

    public static string Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (content.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)) return "image/gif";
        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (content.StartsWith("BM"u8) && content.Length > 14) return "image/bmp";
        if (content.StartsWith("%PDF-"u8)) return "application/pdf";
        return IsText(content) ? PlainText : OctetStream;
    }

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

    public static bool IsText(string contentType) => contentType == PlainText;

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf((byte)0) >= 0) return false;
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
}
