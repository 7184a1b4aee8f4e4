using System.Collections.Immutable;

namespace Scheduler.Cluster.Gossip;

/// <summary>
/// A vector clock over node keys, versioning the membership gossip: a node that changes the gossip increments its
/// own entry, and comparing two clocks tells whether one gossip supersedes the other or both must be merged.
/// Immutable and pure; a missing entry counts as zero.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(VectorClockJsonConverter))]
internal sealed class VectorClock : IEquatable<VectorClock>
{
    private readonly ImmutableSortedDictionary<string, long> _versions;

    private VectorClock(ImmutableSortedDictionary<string, long> versions) => _versions = versions;

    /// <summary>The clock of a gossip nobody has changed.</summary>
    public static VectorClock Empty { get; } = new(ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal));

    /// <summary>A clock with the given entries (read from the wire).</summary>
    public static VectorClock From(IEnumerable<KeyValuePair<string, long>> versions) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, versions));

    /// <summary>The entries, by node key.</summary>
    public IReadOnlyDictionary<string, long> Versions => _versions;

    /// <summary>The clock after <paramref name="node"/> made one more change.</summary>
    public VectorClock Increment(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return new VectorClock(_versions.SetItem(node, Version(node) + 1));
    }

    /// <summary>The entry of <paramref name="node"/>, zero when absent.</summary>
    public long Version(string node) => _versions.GetValueOrDefault(node);

    /// <summary>The least clock after both: each entry the larger of the two.</summary>
    public VectorClock Merge(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = _versions;
        foreach (var (node, version) in other._versions)
        {
            if (version > Version(node))
            {
                merged = merged.SetItem(node, version);
            }
        }

        return new VectorClock(merged);
    }

    /// <summary>The clock without <paramref name="node"/>'s entry (a removed member no longer versions anything).</summary>
    public VectorClock Prune(string node) => new(_versions.Remove(node));

    /// <summary>How this clock relates to <paramref name="other"/>.</summary>
    public ClockOrder Compare(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var smaller = false;
        var larger = false;
        foreach (var node in _versions.Keys.Union(other._versions.Keys, StringComparer.Ordinal))
        {
            var mine = Version(node);
            var theirs = other.Version(node);
            smaller |= mine < theirs;
            larger |= mine > theirs;
        }

        return (smaller, larger) switch
        {
            (false, false) => ClockOrder.Same,
            (true, false) => ClockOrder.Before,
            (false, true) => ClockOrder.After,
            _ => ClockOrder.Concurrent,
        };
    }

    public bool Equals(VectorClock? other) => other is not null && Compare(other) == ClockOrder.Same;

    public override bool Equals(object? obj) => obj is VectorClock other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (node, version) in _versions)
        {
            if (version != 0)
            {
                hash.Add(node, StringComparer.Ordinal);
                hash.Add(version);
            }
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _versions.Select(static entry => $"{entry.Key}:{entry.Value}")) + "]";
}
