namespace Scheduler.Configuration;

/// <summary>
/// Durations in HOCON's format (HOCON spec, "Duration format"): a number and a unit, <c>5s</c>, <c>100ms</c>,
/// <c>250 millis</c>, <c>2 minutes</c>, <c>1h</c>, <c>1d</c>, <c>10us</c>, <c>500ns</c>. A bare number means
/// milliseconds; <c>infinite</c> means <see cref="Timeout.InfiniteTimeSpan"/>.
/// </summary>
public static class HoconDuration
{
    private const decimal TicksPerNanosecond = 0.01m;

    private static readonly Dictionary<string, decimal> TicksPerUnit = BuildUnits();

    /// <summary>Parses a duration.</summary>
    /// <exception cref="FormatException">The text is not a duration; the message names it.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not a duration: expected a non-negative number followed by a unit (ns, us, ms, s, m, h, d or their long names), or 'infinite'.");
    }

    /// <summary>Parses a duration, returning <see langword="false"/> instead of throwing when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is null)
        {
            return false;
        }

        if (string.Equals(text.Trim(), "infinite", StringComparison.Ordinal))
        {
            duration = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (!UnitQuantity.TryParse(text, out var quantity) || !TicksPerUnit.TryGetValue(quantity.Unit, out var ticksPerUnit))
        {
            return false;
        }

        // Rounded to the nearest tick: TimeSpan cannot hold less than 100ns.
        decimal ticks;
        try
        {
            ticks = decimal.Round(quantity.Number * ticksPerUnit, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            return false;
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { [string.Empty] = TimeSpan.TicksPerMillisecond };
        Add(units, TicksPerNanosecond, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(units, TimeSpan.TicksPerMicrosecond, "us", "µs", "micro", "micros", "microsecond", "microseconds");
        Add(units, TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(units, TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(units, TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(units, TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(units, TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }

    private static void Add(Dictionary<string, decimal> units, decimal ticks, params string[] names)
    {
        foreach (var name in names)
        {
            units.Add(name, ticks);
        }
    }
}
