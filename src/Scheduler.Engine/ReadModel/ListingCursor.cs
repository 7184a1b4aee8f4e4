using System.Globalization;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// A position in a listing's order (newest first by a time in UTC ticks, then by id, both descending), and its text
/// form <c>ticks:id</c> that clients hand back for the next page.
/// </summary>
internal readonly record struct ListingCursor(long Ticks, string Id)
{
    public override string ToString() => Ticks.ToString(CultureInfo.InvariantCulture) + ":" + Id;

    /// <summary>Reads a cursor given back by a client; null when it is not one this service made.</summary>
    public static ListingCursor? Parse(string cursor)
    {
        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(cursor.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var at) && colon < cursor.Length - 1
            ? new ListingCursor(at, cursor[(colon + 1)..])
            : null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming a page size outside 1 to <paramref name="maxLimit"/> or a cursor this service did not make.</summary>
    public static void CheckPage(int limit, int maxLimit, string? after, string parameterName)
    {
        if (limit < 1 || limit > maxLimit)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"limit must lie between 1 and {maxLimit}, not {limit}"), parameterName);
        }

        if (after is not null && Parse(after) is null)
        {
            throw new ArgumentException("after is not a cursor this service gave out: '" + after + "'", parameterName);
        }
    }
}
