using System.Text;

namespace Scheduler.Sharding.Internal;

/// <summary>
/// Turns entity, shard and type names (any text) into actor names: ASCII letters, digits, '-', '_' and '.' stay,
/// everything else becomes '~' and two hex digits per UTF-8 byte. Distinct ids give distinct names.
/// </summary>
internal static class ActorNames
{
    public static string Encode(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.All(IsKept))
        {
            return id;
        }

        var builder = new StringBuilder(id.Length * 2);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in id.EnumerateRunes())
        {
            if (rune.IsAscii && IsKept((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < length; i++)
            {
                builder.Append('~').Append(buffer[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool IsKept(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
