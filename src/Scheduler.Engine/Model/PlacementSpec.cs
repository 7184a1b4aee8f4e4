namespace Scheduler.Engine.Model;

/// <summary>Where a task may run: constraints every candidate worker must meet, and how to choose among them.</summary>
public sealed record PlacementSpec
{
    /// <summary>Least-loaded, any worker, one slot.</summary>
    public static PlacementSpec Default { get; } = new();

    /// <summary>How to choose among eligible workers.</summary>
    public PlacementStrategy Strategy { get; init; } = PlacementStrategy.LeastLoaded;

    /// <summary>Tags a worker must all carry.</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    /// <summary>A cluster role the worker's node must have, if any.</summary>
    public string? Role { get; init; }

    /// <summary>What an attempt occupies on its worker.</summary>
    public ResourceRequest Resources { get; init; } = ResourceRequest.Default;

    /// <summary>For <see cref="PlacementStrategy.ConsistentHash"/>: tasks with one key go to one worker while the set of workers stays the same.</summary>
    public string? AffinityKey { get; init; }
}
