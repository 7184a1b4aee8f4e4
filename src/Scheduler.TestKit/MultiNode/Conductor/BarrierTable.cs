namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>
/// Which roles wait at which barrier, and when a barrier opens: once every role taking part has arrived. A role
/// that was killed or exited no longer takes part; a suspended one takes no part until it is resumed, and when it
/// then arrives at a barrier that opened meanwhile, it passes at once. Pure: the conductor does the I/O.
/// </summary>
internal sealed class BarrierTable
{
    private readonly HashSet<string> _taking = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _opened = new(StringComparer.Ordinal);

    public BarrierTable(IEnumerable<string> roles) => _taking.UnionWith(roles);

    /// <summary>Roles waiting at some barrier, by barrier.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Waiting => _waiting;

    /// <summary>
    /// <paramref name="role"/> arrives at <paramref name="barrier"/>; returns the roles to release (empty while
    /// others are still missing).
    /// </summary>
    public IReadOnlyList<string> Enter(string role, string barrier)
    {
        if (_opened.Contains(barrier))
        {
            return [role];
        }

        if (!_waiting.TryGetValue(barrier, out var arrived))
        {
            arrived = new HashSet<string>(StringComparer.Ordinal);
            _waiting[barrier] = arrived;
        }

        arrived.Add(role);
        return TryOpen(barrier);
    }

    /// <summary>
    /// <paramref name="role"/> stops taking part (killed, exited, suspended); returns the barriers this opens with
    /// the roles each releases (which may include roles that left).
    /// </summary>
    public IReadOnlyList<(string Barrier, IReadOnlyList<string> Roles)> Leave(string role)
    {
        _taking.Remove(role);
        var opened = new List<(string, IReadOnlyList<string>)>();
        foreach (var barrier in _waiting.Keys.ToList())
        {
            // Its own arrival stays: a suspended role that was waiting is released with the others and reads the
            // news when it resumes.
            var released = TryOpen(barrier);
            if (released.Count > 0)
            {
                opened.Add((barrier, released));
            }
        }

        return opened;
    }

    /// <summary>A suspended <paramref name="role"/> takes part again.</summary>
    public void Rejoin(string role) => _taking.Add(role);

    /// <summary>The roles <paramref name="barrier"/> still waits for.</summary>
    public IReadOnlyList<string> Missing(string barrier) =>
        _waiting.TryGetValue(barrier, out var arrived) ? [.. _taking.Where(role => !arrived.Contains(role)).Order(StringComparer.Ordinal)] : [];

    /// <summary>Fails <paramref name="barrier"/>: returns the roles waiting there, which no longer wait.</summary>
    public IReadOnlyList<string> Fail(string barrier)
    {
        if (!_waiting.Remove(barrier, out var arrived))
        {
            return [];
        }

        return [.. arrived.Order(StringComparer.Ordinal)];
    }

    private IReadOnlyList<string> TryOpen(string barrier)
    {
        var arrived = _waiting[barrier];
        if (arrived.Count == 0 || !_taking.IsSubsetOf(arrived))
        {
            return [];
        }

        _waiting.Remove(barrier);
        _opened.Add(barrier);
        return [.. arrived.Order(StringComparer.Ordinal)];
    }
}
