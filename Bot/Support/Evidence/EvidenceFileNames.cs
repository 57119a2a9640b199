using System.Globalization;
using System.Text;

namespace TeamsItBot.Support.Evidence;

/// <summary>
/// A file name the sender chose, made safe to store and to show: no directories (both separators), no
/// control or invisible formatting characters (bidi overrides), none of the characters Windows forbids,
/// no leading dots, bounded length, an extension that matches what the bytes are.
/// </summary>
public static class EvidenceFileNames
{
    public const int MaxLength = 100;

    private static readonly string[] Reserved = ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3"];

    public static string Sanitize(string? name, string contentType)
    {
        var text = (name ?? string.Empty).Normalize(NormalizationForm.FormC);
        var lastSeparator = text.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0) text = text[(lastSeparator + 1)..];
        var clean = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            clean.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        var result = clean.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        var extension = ExtensionFor(contentType);
        var stem = Path.GetFileNameWithoutExtension(result);
        var current = Path.GetExtension(result);
        if (!Fits(current, contentType))
        {
            // "report" or "photo.html" holding a PNG: the name says what the bytes are.
            stem = result;
            current = extension;
        }

        if (stem.Length == 0) stem = contentType.StartsWith("image/", StringComparison.Ordinal) ? "screenshot" : "attachment";
        if (Reserved.Contains(stem.ToUpperInvariant())) stem = "_" + stem;
        var room = MaxLength - current.Length;
        if (stem.Length > room) stem = stem[..TruncateAt(stem, room)];
        return stem + current;
    }

    /// <summary>"name (2).png" when <paramref name="taken"/> already holds the name.</summary>
    public static string Unique(string name, IEnumerable<string> taken)
    {
        var used = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase) { Tickets.Evidence.EvidenceOptions.TranscriptFileName };
        if (!used.Contains(name)) return name;
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var i = 2; ; i++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{stem} ({i}){extension}");
            if (!used.Contains(candidate)) return candidate;
        }
    }

    private static bool Fits(string extension, string contentType) => contentType switch
    {
        "image/png" => extension.Equals(".png", StringComparison.OrdinalIgnoreCase),
        "image/jpeg" => extension.ToUpperInvariant() is ".JPG" or ".JPEG",
        "image/gif" => extension.Equals(".gif", StringComparison.OrdinalIgnoreCase),
        "image/webp" => extension.Equals(".webp", StringComparison.OrdinalIgnoreCase),
        "image/bmp" => extension.Equals(".bmp", StringComparison.OrdinalIgnoreCase),
        "application/pdf" => extension.Equals(".pdf", StringComparison.OrdinalIgnoreCase),
        _ => extension.ToUpperInvariant() is ".TXT" or ".LOG" or ".CSV" or ".JSON" or ".MD" or ".INI" or ".CFG" or ".CONF" or ".OUT" or ".ERR",
    };

    private static string ExtensionFor(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "image/bmp" => ".bmp",
        "application/pdf" => ".pdf",
        _ => ".txt",
    };

    /// <summary>A cut that does not split a surrogate pair.</summary>
    private static int TruncateAt(string text, int length) => length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
}
