using System.Globalization;

namespace Scheduler.Engine.ReadModel;

/// <summary>A position in the listing order (newest submitted first, then id), and its text form for clients.</summary>
internal readonly record struct TaskListing(long SubmittedAtTicks, string TaskId)
{
    public override string ToString() => SubmittedAtTicks.ToString(CultureInfo.InvariantCulture) + ":" + TaskId;

    /// <summary>Reads a cursor given back by a client; null when it is not one this store made.</summary>
    public static TaskListing? Parse(string cursor)
    {
        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(cursor.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var at) && colon < cursor.Length - 1
            ? new TaskListing(at, cursor[(colon + 1)..])
            : null;
    }
}
