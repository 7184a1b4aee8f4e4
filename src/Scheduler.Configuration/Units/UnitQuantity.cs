using System.Globalization;

namespace Scheduler.Configuration;

/// <summary>A number followed by an optional unit, as in <c>250 millis</c> or <c>64MiB</c>.</summary>
internal readonly record struct UnitQuantity(decimal Number, string Unit)
{
    /// <summary>Splits <paramref name="text"/> into a non-negative decimal number and the unit after it (possibly empty).</summary>
    public static bool TryParse(string text, out UnitQuantity quantity)
    {
        quantity = default;
        var trimmed = text.AsSpan().Trim();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !decimal.TryParse(trimmed[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = trimmed[end..].TrimStart();
        foreach (var c in unit)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        quantity = new UnitQuantity(number, unit.ToString());
        return true;
    }
}
