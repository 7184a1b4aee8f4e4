using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Which tasks to list from the <c>task_view</c> read model, newest submitted first. Every filter given must hold.
/// Pass the previous page's <see cref="TaskPage.Next"/> as <see cref="After"/> for the following page.
/// </summary>
public sealed record TaskQuery
{
    /// <summary>The most tasks a page may hold.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Only tasks in this state.</summary>
    public TaskState? State { get; init; }

    /// <summary>Only tasks of this type.</summary>
    public string? Type { get; init; }

    /// <summary>Only tasks with this label set to this value.</summary>
    public KeyValuePair<string, string>? Label { get; init; }

    /// <summary>Only the sub-tasks of this parent.</summary>
    public string? ParentId { get; init; }

    /// <summary>Only the occurrences of this schedule.</summary>
    public string? ScheduleId { get; init; }

    /// <summary>Tasks per page, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>The cursor of the page before (<see cref="TaskPage.Next"/>); null for the first page.</summary>
    public string? After { get; init; }

    /// <summary>What is wrong with the page asked for (its <see cref="Limit"/> and <see cref="After"/>), each error naming its query parameter.</summary>
    public IReadOnlyList<ValidationError> Validate() => ListingCursor.Validate(Limit, MaxLimit, After);
}
