namespace Scheduler.Actors;

/// <summary>
/// Orders shutdown phases so that each comes after everything it depends on (a topological sort, Kahn's
/// algorithm). Among phases that are ready at the same time the name decides, so the order is stable.
/// </summary>
internal static class PhaseOrder
{
    /// <summary>Sorts the phases; throws <see cref="ConfigurationException"/> naming an unknown dependency or a cycle.</summary>
    public static IReadOnlyList<string> Sort(IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn)
    {
        ArgumentNullException.ThrowIfNull(dependsOn);
        var waitingOn = new Dictionary<string, int>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (phase, dependencies) in dependsOn)
        {
            waitingOn[phase] = 0;
            foreach (var dependency in dependencies.Distinct(StringComparer.Ordinal))
            {
                if (!dependsOn.ContainsKey(dependency))
                {
                    throw new ConfigurationException($"Shutdown phase '{phase}' depends on '{dependency}', which is not a configured phase.");
                }

                waitingOn[phase]++;
                if (!dependents.TryGetValue(dependency, out var list))
                {
                    dependents[dependency] = list = [];
                }

                list.Add(phase);
            }
        }

        var ready = new SortedSet<string>(waitingOn.Where(static p => p.Value == 0).Select(static p => p.Key), StringComparer.Ordinal);
        var order = new List<string>(dependsOn.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            foreach (var dependent in dependents.GetValueOrDefault(next) ?? [])
            {
                if (--waitingOn[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        if (order.Count != dependsOn.Count)
        {
            var stuck = waitingOn.Where(static p => p.Value > 0).Select(static p => p.Key).Order(StringComparer.Ordinal);
            throw new ConfigurationException($"Shutdown phases depend on each other in a cycle: {string.Join(", ", stuck)}.");
        }

        return order;
    }
}
