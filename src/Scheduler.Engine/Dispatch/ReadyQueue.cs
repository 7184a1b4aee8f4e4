using Scheduler.Engine.Model;

namespace Scheduler.Engine.Dispatch;

/// <summary>
/// The tasks a dispatcher holds, in order: priority (highest first), then due time, then arrival. Tasks are kept in
/// one sorted set per placement class (the same constraints, resources and strategy), so a class no worker can take
/// now does not block the others, and finding the next placeable task looks at one head per class instead of
/// scanning the queue.
/// </summary>
internal sealed class ReadyQueue
{
    private readonly Dictionary<string, ReadyTask> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<ReadyTask>> _classes = new(StringComparer.Ordinal);

    /// <summary>Dispatch order: priority, due time, arrival.</summary>
    public static IComparer<ReadyTask> Order { get; } = Comparer<ReadyTask>.Create(static (a, b) =>
    {
        var byPriority = b.Priority.CompareTo(a.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byDue = a.DueAt.CompareTo(b.DueAt);
        return byDue != 0 ? byDue : a.Arrival.CompareTo(b.Arrival);
    });

    /// <summary>Tasks held.</summary>
    public int Count => _byId.Count;

    /// <summary>The first task of each placement class.</summary>
    public IEnumerable<ReadyTask> Heads => _classes.Values.Select(static set => set.Min!);

    /// <summary>True when <paramref name="taskId"/> is held.</summary>
    public bool Contains(string taskId) => _byId.ContainsKey(taskId);

    /// <summary>Adds a task, or replaces the one with its id.</summary>
    public void Add(ReadyTask task)
    {
        Remove(task.TaskId);
        _byId[task.TaskId] = task;
        var key = ClassOf(task.Placement);
        if (!_classes.TryGetValue(key, out var set))
        {
            _classes[key] = set = new SortedSet<ReadyTask>(Order);
        }

        set.Add(task);
    }

    /// <summary>Removes a task; false when it was not held.</summary>
    public bool Remove(string taskId)
    {
        if (!_byId.Remove(taskId, out var task))
        {
            return false;
        }

        var key = ClassOf(task.Placement);
        var set = _classes[key];
        set.Remove(task);
        if (set.Count == 0)
        {
            _classes.Remove(key);
        }

        return true;
    }

    // Tasks with the same class compete for the same workers in the same way. An affinity key is part of the class:
    // tasks of one key wait for their worker without holding up other keys.
    private static string ClassOf(PlacementSpec placement) =>
        string.Join('|', placement.Strategy, placement.Role, string.Join(',', placement.RequiredTags.Order(StringComparer.Ordinal)),
            placement.Resources.Slots, placement.Resources.CpuMillis, placement.Resources.MemoryMiB,
            placement.Strategy is PlacementStrategy.ConsistentHash ? placement.AffinityKey : null);
}
