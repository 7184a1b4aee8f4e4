namespace Scheduler.Engine.Schedules;

/// <summary>
/// What a schedule does with occurrences it missed by more than the misfire threshold (its node was down, the
/// schedule was paused, the cluster was stopped).
/// </summary>
public enum MisfirePolicy
{
    /// <summary>Missed occurrences are skipped; the schedule goes on with the next one.</summary>
    Skip,

    /// <summary>The latest missed occurrence fires once; the others are skipped.</summary>
    FireOnce,

    /// <summary>The latest <c>MaxCatchUp</c> missed occurrences fire, oldest first; earlier ones are skipped.</summary>
    CatchUp,
}
