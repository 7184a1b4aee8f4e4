namespace Scheduler.Configuration;

/// <summary>
/// Sizes in bytes in HOCON's format (HOCON spec, "Size in bytes format"): <c>512B</c>, <c>10k</c>, <c>1 MB</c>,
/// <c>64MiB</c>, <c>2GiB</c>. Decimal units (kB, MB, GB, ...) are powers of 1000; binary units (K/k/Ki/KiB,
/// M/m/Mi/MiB, ...) powers of 1024. A bare number means bytes; fractions are truncated to whole bytes.
/// </summary>
public static class HoconSize
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = BuildUnits();

    /// <summary>Parses a size in bytes.</summary>
    /// <exception cref="FormatException">The text is not a size; the message names it.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var bytes)
            ? bytes
            : throw new FormatException($"'{text}' is not a size in bytes: expected a non-negative number followed by a unit such as B, kB, KiB, k, MB, MiB, M, GB, GiB or G.");
    }

    /// <summary>Parses a size in bytes, returning <see langword="false"/> instead of throwing when the text is not one.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null || !UnitQuantity.TryParse(text, out var quantity) || !BytesPerUnit.TryGetValue(quantity.Unit, out var factor))
        {
            return false;
        }

        decimal total;
        try
        {
            total = decimal.Truncate(quantity.Number * factor);
        }
        catch (OverflowException)
        {
            return false;
        }

        if (total > long.MaxValue)
        {
            return false;
        }

        bytes = (long)total;
        return true;
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Add(units, 1m, string.Empty, "B", "b", "byte", "bytes");
        string[] decimalPrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryLetters = ["K", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        decimal thousands = 1m;
        decimal kibis = 1m;
        for (var i = 0; i < decimalPrefixes.Length; i++)
        {
            thousands *= 1000m;
            kibis *= 1024m;
            Add(units, thousands, decimalPrefixes[i] + "B", decimalNames[i] + "byte", decimalNames[i] + "bytes");
            var letter = binaryLetters[i];
            Add(units, kibis, letter, letter.ToLowerInvariant(), letter + "i", letter + "iB", binaryNames[i] + "byte", binaryNames[i] + "bytes");
        }

        return units;
    }

    private static void Add(Dictionary<string, decimal> units, decimal bytes, params string[] names)
    {
        foreach (var name in names)
        {
            units.Add(name, bytes);
        }
    }
}
