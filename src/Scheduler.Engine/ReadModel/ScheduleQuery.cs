using Scheduler.Engine.Model;
using Scheduler.Engine.Schedules;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Which schedules to list from the <c>schedule_view</c> read model, newest created first. Pass the previous page's
/// <see cref="SchedulePage.Next"/> as <see cref="After"/> for the following page.
/// </summary>
public sealed record ScheduleQuery
{
    /// <summary>The most schedules a page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Only schedules with this status (a deleted schedule is never listed).</summary>
    public ScheduleStatus? Status { get; init; }

    /// <summary>Schedules per page, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>The cursor of the page before (<see cref="SchedulePage.Next"/>); null for the first page.</summary>
    public string? After { get; init; }

    /// <summary>What is wrong with the page asked for (its <see cref="Limit"/> and <see cref="After"/>), each error naming its query parameter.</summary>
    public IReadOnlyList<ValidationError> Validate() => ListingCursor.Validate(Limit, MaxLimit, After);
}
