using System.Globalization;
using Scheduler.Engine.Model;

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

    /// <summary>What is wrong with a page request: a size outside 1 to <paramref name="maxLimit"/>, or a cursor this service did not make.</summary>
    public static IReadOnlyList<ValidationError> Validate(int limit, int maxLimit, string? after)
    {
        var errors = new List<ValidationError>();
        if (limit < 1 || limit > maxLimit)
        {
            errors.Add(new ValidationError("limit", string.Create(CultureInfo.InvariantCulture, $"must be from 1 to {maxLimit}, was {limit}")));
        }

        if (after is not null && Parse(after) is null)
        {
            errors.Add(new ValidationError("after", "is not a cursor this service gave out: '" + after + "'"));
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming what <see cref="Validate"/> finds.</summary>
    public static void Check(IReadOnlyList<ValidationError> errors, string parameterName)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), parameterName);
        }
    }
}
