using System.Globalization;

namespace Scheduler.Engine.Schedules.Cron;

/// <summary>
/// One field of a cron expression (seconds, minutes, hours, day of month, month, day of week) parsed into a bit set
/// of the values it allows. Items: <c>*</c>, <c>?</c> (days only), <c>5</c>, <c>1-5</c>, <c>*/15</c>, <c>10/15</c>,
/// <c>1-20/5</c>, lists of those, and names for months (JAN) and days (MON).
/// </summary>
internal readonly record struct CronField(ulong Bits, bool IsWildcard)
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>True when <paramref name="value"/> is allowed.</summary>
    public bool Has(int value) => (Bits & (1UL << value)) != 0;

    /// <summary>Parses <paramref name="text"/> as the field <paramref name="kind"/>; the error names the item that is wrong.</summary>
    public static CronField Parse(string text, CronFieldKind kind)
    {
        var (min, max) = Range(kind);
        if (text is "*" or "?")
        {
            if (text is "?" && kind is not (CronFieldKind.DayOfMonth or CronFieldKind.DayOfWeek))
            {
                throw Error(kind, text, "'?' is allowed only for day of month and day of week");
            }

            return new CronField(Span(min, max, 1, kind), IsWildcard: true);
        }

        ulong bits = 0;
        foreach (var item in text.Split(','))
        {
            bits |= ParseItem(item, kind, min, max);
        }

        return new CronField(bits, IsWildcard: false);
    }

    private static ulong ParseItem(string item, CronFieldKind kind, int min, int max)
    {
        if (item.Length == 0)
        {
            throw Error(kind, item, "an item of the list is empty");
        }

        var step = 1;
        var range = item;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            range = item[..slash];
            step = Number(item[(slash + 1)..], kind, item);
            if (step < 1 || step > max)
            {
                throw Error(kind, item, string.Create(CultureInfo.InvariantCulture, $"the step must be between 1 and {max}"));
            }
        }

        int from;
        int to;
        if (range is "*")
        {
            (from, to) = (min, max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                from = Value(range[..dash], kind, item);
                to = Value(range[(dash + 1)..], kind, item);
            }
            else
            {
                from = Value(range, kind, item);
                // "10/15" means from 10 to the end in steps of 15, as in Quartz and Vixie cron.
                to = slash >= 0 ? max : from;
            }
        }

        foreach (var value in new[] { from, to })
        {
            if (value < min || value > max)
            {
                throw Error(kind, item, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range {min}-{max}"));
            }
        }

        if (from > to)
        {
            throw Error(kind, item, "the range runs backwards");
        }

        return Span(from, to, step, kind);
    }

    private static ulong Span(int from, int to, int step, CronFieldKind kind)
    {
        ulong bits = 0;
        for (var value = from; value <= to; value += step)
        {
            bits |= 1UL << value;
        }

        // Day of week 7 is Sunday too.
        if (kind is CronFieldKind.DayOfWeek && (bits & (1UL << 7)) != 0)
        {
            bits = (bits & ~(1UL << 7)) | 1UL;
        }

        return bits;
    }

    private static int Value(string text, CronFieldKind kind, string item)
    {
        var names = kind switch
        {
            CronFieldKind.Month => Months,
            CronFieldKind.DayOfWeek => Days,
            _ => null,
        };
        if (names is not null)
        {
            var index = Array.FindIndex(names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return kind is CronFieldKind.Month ? index + 1 : index;
            }
        }

        return Number(text, kind, item);
    }

    private static int Number(string text, CronFieldKind kind, string item) =>
        text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit)
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : throw Error(kind, item, "'" + text + "' is not a number" + (kind is CronFieldKind.Month or CronFieldKind.DayOfWeek ? " or a name" : ""));

    private static (int Min, int Max) Range(CronFieldKind kind) => kind switch
    {
        CronFieldKind.Second or CronFieldKind.Minute => (0, 59),
        CronFieldKind.Hour => (0, 23),
        CronFieldKind.DayOfMonth => (1, 31),
        CronFieldKind.Month => (1, 12),
        _ => (0, 7),
    };

    private static FormatException Error(CronFieldKind kind, string item, string problem) =>
        new(Name(kind) + " field, item '" + item + "': " + problem);

    private static string Name(CronFieldKind kind) => kind switch
    {
        CronFieldKind.Second => "second",
        CronFieldKind.Minute => "minute",
        CronFieldKind.Hour => "hour",
        CronFieldKind.DayOfMonth => "day-of-month",
        CronFieldKind.Month => "month",
        _ => "day-of-week",
    };
}
