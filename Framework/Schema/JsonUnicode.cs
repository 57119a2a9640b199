namespace TeamsItBot.Framework.Schema;

/// <summary>
/// JSON may spell a UTF-16 surrogate as <c>\uD800</c> on its own, which is no Unicode text: the
/// parser accepts it, but reading the string later throws. Found before the activity is used.
/// </summary>
internal static class JsonUnicode
{
    /// <summary>True when a <c>\u</c> escape leaves a surrogate unpaired. The input must already parse as JSON.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<byte> json)
    {
        var pendingHigh = false;
        var i = json.IndexOf((byte)'\\');
        if (i < 0)
        {
            return false;
        }

        while (i < json.Length)
        {
            if (json[i] != (byte)'\\')
            {
                if (pendingHigh)
                {
                    return true;
                }

                var next = json[i..].IndexOf((byte)'\\');
                if (next < 0)
                {
                    return false;
                }

                i += next;
                continue;
            }

            // In valid JSON a backslash only occurs in a string and always starts a two-byte escape or \uXXXX.
            if (i + 1 < json.Length && json[i + 1] == (byte)'u' && i + 5 < json.Length && TryHex(json.Slice(i + 2, 4), out var unit))
            {
                var high = unit is >= 0xD800 and <= 0xDBFF;
                var low = unit is >= 0xDC00 and <= 0xDFFF;
                if ((low && !pendingHigh) || (pendingHigh && !low))
                {
                    return true;
                }

                pendingHigh = high;
                i += 6;
                continue;
            }

            if (pendingHigh)
            {
                return true;
            }

            i += 2;
        }

        return pendingHigh;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            var v = d switch
            {
                >= (byte)'0' and <= (byte)'9' => d - '0',
                >= (byte)'a' and <= (byte)'f' => d - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => d - 'A' + 10,
                _ => -1,
            };
            if (v < 0)
            {
                return false;
            }

            value = (value << 4) | v;
        }

        return true;
    }
}
