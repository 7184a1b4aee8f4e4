namespace Scheduler.Engine.Tests.MultiNode.Witness;

/// <summary>
/// What the witness log says about a run, judged once every task should have ended: tasks that never succeeded
/// (lost), attempts of one task that ran at the same time (overlapping), and runs nobody asked for (unexpected:
/// an unknown task, an attempt left running on a node still in the cluster, or a task run again after a success
/// that nothing stopped from being reported). <see cref="Redone"/> names the tasks that ran more than once, so a
/// spec can tell that its fault really hit running work.
/// </summary>
public sealed record WitnessVerdict(
    IReadOnlyList<string> Lost,
    IReadOnlyList<string> Overlapping,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Redone,
    TimeSpan? SlowestRedo = null)
{
    public bool Clean => Lost.Count == 0 && Overlapping.Count == 0 && Unexpected.Count == 0;

    public static WitnessVerdict Judge(IReadOnlyCollection<string> submitted, IReadOnlyList<WitnessedAttempt> attempts, IReadOnlyList<Departure> departures)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(departures);
        var departedAt = departures.GroupBy(d => d.Node, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(d => d.At), StringComparer.Ordinal);
        var known = submitted.ToHashSet(StringComparer.Ordinal);
        var byTask = attempts.GroupBy(a => a.TaskId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Began).ToList(), StringComparer.Ordinal);

        var lost = submitted.Where(id => !byTask.TryGetValue(id, out var runs) || !runs.Any(r => r.Outcome == WitnessedAttempt.Succeeded)).Order(StringComparer.Ordinal).ToList();
        var overlapping = new List<string>();
        var unexpected = new List<string>();
        foreach (var (taskId, runs) in byTask)
        {
            if (!known.Contains(taskId))
            {
                unexpected.Add($"{taskId} ran but was never submitted");
                continue;
            }

            DateTime End(WitnessedAttempt run) => run.Ended ?? (departedAt.TryGetValue(run.Node, out var at) ? at : DateTime.MaxValue);
            foreach (var open in runs.Where(r => r.Ended is null && !departedAt.ContainsKey(r.Node)))
            {
                unexpected.Add($"{taskId} attempt {open.Attempt} on {open.Node} never ended, and its node is still there");
            }

            for (var i = 0; i < runs.Count; i++)
            {
                for (var j = i + 1; j < runs.Count; j++)
                {
                    if (runs[j].Began < End(runs[i]))
                    {
                        overlapping.Add($"{taskId}: attempt {runs[i].Attempt} on {runs[i].Node} and attempt {runs[j].Attempt} on {runs[j].Node} ran at the same time");
                    }
                }
            }

            var successes = runs.Where(r => r.Outcome == WitnessedAttempt.Succeeded).ToList();
            foreach (var success in successes.Take(successes.Count - 1).Where(s => !departedAt.ContainsKey(s.Node)))
            {
                unexpected.Add($"{taskId} ran again after attempt {success.Attempt} succeeded on {success.Node}, which stayed in the cluster");
            }
        }

        var redone = byTask.Where(pair => known.Contains(pair.Key) && pair.Value.Count > 1).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
        return new WitnessVerdict(lost, overlapping, unexpected, redone, SlowestRedoOf(byTask, departedAt));
    }

    // How long after its node departed the slowest of the attempts cut off by the departure began again elsewhere
    // (null when no attempt was cut off). A cut-off attempt never run again is counted as lost, not here.
    private static TimeSpan? SlowestRedoOf(Dictionary<string, List<WitnessedAttempt>> byTask, Dictionary<string, DateTime> departedAt)
    {
        TimeSpan? slowest = null;
        foreach (var runs in byTask.Values)
        {
            foreach (var cut in runs.Where(r => r.Ended is null && departedAt.ContainsKey(r.Node)))
            {
                if (runs.FirstOrDefault(r => r.Began > cut.Began && !string.Equals(r.Node, cut.Node, StringComparison.Ordinal)) is { } again)
                {
                    var delay = again.Began - departedAt[cut.Node];
                    slowest = slowest is { } known && known >= delay ? known : delay;
                }
            }
        }

        return slowest;
    }

    public override string ToString() =>
        $"lost: [{string.Join(", ", Lost)}]; overlapping: [{string.Join("; ", Overlapping)}]; unexpected: [{string.Join("; ", Unexpected)}]";
}
