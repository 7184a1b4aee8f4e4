using System.Text;

namespace Scheduler.Sharding.Extraction;

/// <summary>
/// A hash of a string that is the same in every process and every .NET version (32-bit FNV-1a over UTF-8).
/// <see cref="string.GetHashCode()"/> is randomised per process, so two nodes would put one entity in different
/// shards; shard ids must be computed the same way everywhere, now and after an upgrade.
/// </summary>
internal static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = OffsetBasis;
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < length; i++)
            {
                hash = unchecked((hash ^ buffer[i]) * Prime);
            }
        }

        return hash;
    }
}
