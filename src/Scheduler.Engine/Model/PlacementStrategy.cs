using System.Text.Json.Serialization;

namespace Scheduler.Engine.Model;

/// <summary>How a dispatcher chooses among the workers that can take a task.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlacementStrategy>))]
public enum PlacementStrategy
{
    /// <summary>The worker with the lowest share of its slots in use (the default).</summary>
    LeastLoaded,

    /// <summary>Each eligible worker in turn.</summary>
    RoundRobin,

    /// <summary>The first eligible worker in a stable order (fills one worker before the next).</summary>
    FirstFit,

    /// <summary>The eligible worker whose free resources fit the request most tightly.</summary>
    BestFit,

    /// <summary>The worker the task's affinity key hashes to, so tasks with one key land together.</summary>
    ConsistentHash,
}
