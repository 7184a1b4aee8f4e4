using Scheduler.Engine.Model;

namespace Scheduler.Engine.Placement;

/// <summary>
/// Chooses a worker for a task, pure: the request and the workers' capacities in, a worker (or none) out. Every
/// strategy only picks among workers that meet the constraints (tags, role) and have room for the request; the
/// exception is consistent hashing, whose chosen worker is the same whether or not it has room (the task then waits
/// for it, which is what an affinity key asks for).
/// </summary>
public static class PlacementPolicy
{
    /// <summary>The worker for <paramref name="request"/>, or null when none can take it now.</summary>
    /// <param name="request">The task's placement.</param>
    /// <param name="workers">Every known worker.</param>
    /// <param name="turn">For round-robin: a counter the caller increments per placement.</param>
    public static WorkerCapacity? Choose(PlacementSpec request, IReadOnlyCollection<WorkerCapacity> workers, long turn)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(workers);
        if (request.Strategy is PlacementStrategy.ConsistentHash)
        {
            var owner = workers.Where(w => Meets(request, w)).MaxBy(w => Rendezvous(request.AffinityKey ?? "", w.Key));
            return owner is not null && Fits(request.Resources, owner) ? owner : null;
        }

        if (request.Strategy is PlacementStrategy.RoundRobin)
        {
            var candidates = workers.Where(w => Eligible(request, w))
                .OrderBy(w => w.Key, StringComparer.Ordinal)
                .ToList();
            return candidates.Count == 0 ? null : candidates[(int)(Math.Abs(turn) % candidates.Count)];
        }

        // The other strategies take the best candidate, ties going to the lowest key: one pass, no copies, as the
        // dispatcher asks once per task placed.
        WorkerCapacity? best = null;
        foreach (var worker in workers)
        {
            if (Eligible(request, worker) && (best is null || Before(request, worker, best)))
            {
                best = worker;
            }
        }

        return best;
    }

    private static bool Eligible(PlacementSpec request, WorkerCapacity worker) => Meets(request, worker) && Fits(request.Resources, worker);

    // Whether `worker` is a better choice than `other` under the request's strategy.
    private static bool Before(PlacementSpec request, WorkerCapacity worker, WorkerCapacity other)
    {
        var order = request.Strategy switch
        {
            PlacementStrategy.FirstFit => 0,
            PlacementStrategy.BestFit => Leftover(request.Resources, worker).CompareTo(Leftover(request.Resources, other)),
            _ => worker.Load != other.Load ? worker.Load.CompareTo(other.Load) : other.FreeSlots.CompareTo(worker.FreeSlots),
        };
        return order != 0 ? order < 0 : string.CompareOrdinal(worker.Key, other.Key) < 0;
    }

    /// <summary>True when <paramref name="worker"/> carries every required tag and the required role.</summary>
    public static bool Meets(PlacementSpec request, WorkerCapacity worker)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(worker);
        foreach (var tag in request.RequiredTags)
        {
            if (!worker.Tags.Contains(tag))
            {
                return false;
            }
        }

        return request.Role is null || worker.Roles.Contains(request.Role);
    }

    /// <summary>True when <paramref name="worker"/> has room for <paramref name="resources"/> now (undeclared resources do not count).</summary>
    public static bool Fits(ResourceRequest resources, WorkerCapacity worker)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(worker);
        return worker.FreeSlots >= resources.Slots
            && (worker.CpuMillis == 0 || worker.FreeCpuMillis >= resources.CpuMillis)
            && (worker.MemoryMiB == 0 || worker.FreeMemoryMiB >= resources.MemoryMiB);
    }

    // What is left free after the placement, as shares of each declared resource: the smallest leftover is the
    // tightest fit, which keeps large holes for large requests.
    private static double Leftover(ResourceRequest resources, WorkerCapacity worker)
    {
        var left = (double)(worker.FreeSlots - resources.Slots) / Math.Max(worker.Slots, 1);
        if (worker.CpuMillis > 0)
        {
            left += (double)(worker.FreeCpuMillis - resources.CpuMillis) / worker.CpuMillis;
        }

        if (worker.MemoryMiB > 0)
        {
            left += (double)(worker.FreeMemoryMiB - resources.MemoryMiB) / worker.MemoryMiB;
        }

        return left;
    }

    // Highest-random-weight hashing (Thaler and Ravishankar): each worker scores hash(key, worker) and the highest
    // wins, so a worker joining or leaving moves only the keys it wins or held. FNV-1a 64, stable across processes.
    private static ulong Rendezvous(string key, string worker)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ 0xFF) * 1099511628211UL;
        foreach (var c in worker)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // A final mix spreads FNV's weak low bits.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
