namespace Scheduler.Engine.Schedules.Cron;

/// <summary>
/// A cron expression: five fields (minute hour day-of-month month day-of-week) or six with seconds first, or one of
/// the macros <c>@yearly @monthly @weekly @daily @hourly</c>. When both day fields are restricted a day matches
/// either (Vixie cron's rule). <see cref="Next"/> finds occurrences in a time zone, pure: the caller gives the time.
/// </summary>
/// <remarks>
/// Daylight saving: a time that does not exist (the clock jumps over it) fires at the end of the jump, once; a time
/// that happens twice (the clock falls back) fires once, at its first pass, unless the expression runs every hour, in
/// which case it fires in both passes so that a frequent schedule has no hole. This is what Cronos and Quartz users
/// expect.
/// </remarks>
public sealed class CronExpression
{
    // Search at most this many years ahead: far enough for February 29 on a given weekday, and it bounds the search
    // for expressions that can never match (February 30).
    private const int SearchYears = 28;

    private readonly CronField _second;
    private readonly CronField _minute;
    private readonly CronField _hour;
    private readonly CronField _dayOfMonth;
    private readonly CronField _month;
    private readonly CronField _dayOfWeek;

    private CronExpression(string text, CronField[] fields, bool hasSeconds)
    {
        Text = text;
        (_second, _minute, _hour, _dayOfMonth, _month, _dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        HasSeconds = hasSeconds;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>True for the six-field form.</summary>
    public bool HasSeconds { get; }

    /// <summary>Parses an expression; a <see cref="FormatException"/> names the field and item that are wrong.</summary>
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = Expand(expression.Trim());
        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            throw new FormatException("cron expression '" + expression + "' has " + parts.Length +
                " fields; it needs 5 (minute hour day-of-month month day-of-week) or 6 (with seconds first)");
        }

        var hasSeconds = parts.Length == 6;
        if (!hasSeconds)
        {
            parts = ["0", .. parts];
        }

        var fields = new CronField[6];
        for (var i = 0; i < 6; i++)
        {
            try
            {
                fields[i] = CronField.Parse(parts[i], (CronFieldKind)i);
            }
            catch (FormatException e)
            {
                throw new FormatException("cron expression '" + expression + "': " + e.Message, e);
            }
        }

        return new CronExpression(expression, fields, hasSeconds);
    }

    /// <summary>Parses an expression, or says what is wrong with it.</summary>
    public static bool TryParse(string expression, out CronExpression? cron, out string? error)
    {
        try
        {
            cron = Parse(expression);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            cron = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> in <paramref name="zone"/>, or null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(after, zone);
        var clock = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, DateTimeKind.Unspecified);
        var next = Search(clock.AddSeconds(1), after, zone);
        return SecondPass(clock, local.Offset, zone) is { } again && (next is null || again < next) ? again : next;
    }

    private DateTimeOffset? Search(DateTime from, DateTimeOffset after, TimeZoneInfo zone)
    {
        var limit = from.Year + SearchYears;
        while (NextClockTime(from, limit) is { } candidate)
        {
            if (Instant(candidate, after, zone) is { } instant)
            {
                return instant;
            }

            from = candidate.AddSeconds(1);
        }

        return null;
    }

    // From the first pass of a time the clock falls back over, an expression that runs every hour also fires in the
    // second pass, whose wall-clock times start again at the beginning of the repeated period.
    private DateTimeOffset? SecondPass(DateTime clock, TimeSpan offset, TimeZoneInfo zone)
    {
        if (!_hour.IsWildcard || !zone.IsAmbiguousTime(clock) || offset != zone.GetAmbiguousTimeOffsets(clock).Max())
        {
            return null;
        }

        var start = clock.AddSeconds(-clock.Second);
        while (zone.IsAmbiguousTime(start.AddMinutes(-1)))
        {
            start = start.AddMinutes(-1);
        }

        return NextClockTime(start, start.Year + 1) is { } candidate && zone.IsAmbiguousTime(candidate)
            ? new DateTimeOffset(candidate, zone.GetAmbiguousTimeOffsets(candidate).Min())
            : null;
    }

    /// <summary>The occurrences after <paramref name="after"/> up to and including <paramref name="until"/>, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Between(DateTimeOffset after, DateTimeOffset until, TimeZoneInfo zone, int max)
    {
        var found = new List<DateTimeOffset>();
        var cursor = after;
        while (found.Count < max && Next(cursor, zone) is { } next && next <= until)
        {
            found.Add(next);
            cursor = next;
        }

        return found;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static string Expand(string text) => text.ToUpperInvariant() switch
    {
        "@YEARLY" or "@ANNUALLY" => "0 0 1 1 *",
        "@MONTHLY" => "0 0 1 * *",
        "@WEEKLY" => "0 0 * * 0",
        "@DAILY" or "@MIDNIGHT" => "0 0 * * *",
        "@HOURLY" => "0 * * * *",
        _ => text,
    };

    // The instant of a matching wall-clock time, or null when it is not after 'after' (the second pass of a time the
    // clock fell back over, for an expression that fires once there).
    private DateTimeOffset? Instant(DateTime clock, DateTimeOffset after, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(clock))
        {
            // Skipped by a jump forward: fire when the jump ends, the first valid minute after it.
            var end = clock.AddSeconds(-clock.Second).AddMinutes(1);
            while (zone.IsInvalidTime(end))
            {
                end = end.AddMinutes(1);
            }

            var instant = new DateTimeOffset(end, zone.GetUtcOffset(end));
            return instant > after ? instant : null;
        }

        if (zone.IsAmbiguousTime(clock))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(clock);
            var first = new DateTimeOffset(clock, offsets.Max());
            if (first > after)
            {
                return first;
            }

            var second = new DateTimeOffset(clock, offsets.Min());
            return _hour.IsWildcard && second > after ? second : null;
        }

        var plain = new DateTimeOffset(clock, zone.GetUtcOffset(clock));
        return plain > after ? plain : null;
    }

    // The first wall-clock time at or after 'from' that every field allows, before the year 'limit'.
    private DateTime? NextClockTime(DateTime from, int limit)
    {
        var t = from;
        while (t.Year < limit)
        {
            if (!_month.Has(t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
            }
            else if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!_hour.Has(t.Hour))
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!_minute.Has(t.Minute))
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(t.Minute + 1);
            }
            else if (!_second.Has(t.Second))
            {
                t = t.AddSeconds(1);
            }
            else
            {
                return t;
            }
        }

        return null;
    }

    private bool DayMatches(DateTime t)
    {
        var byMonth = _dayOfMonth.Has(t.Day);
        var byWeek = _dayOfWeek.Has((int)t.DayOfWeek);
        return (_dayOfMonth.IsWildcard, _dayOfWeek.IsWildcard) switch
        {
            (true, true) => true,
            (true, false) => byWeek,
            (false, true) => byMonth,
            _ => byMonth || byWeek,
        };
    }
}
