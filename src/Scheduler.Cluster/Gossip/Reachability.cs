using System.Collections.Immutable;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Gossip;

/// <summary>
/// Who cannot reach whom, spread by gossip. Each observer owns its rows and numbers its changes; merging two
/// tables keeps, per observer, the rows of the side with the higher number, so every node ends with every
/// observer's latest word. A node is unreachable when any observer says so. Immutable and pure.
/// </summary>
internal sealed record Reachability(ImmutableArray<ReachabilityRecord> Records, ImmutableDictionary<UniqueAddress, long> Versions)
{
    /// <summary>Everyone reaches everyone.</summary>
    public static Reachability Empty { get; } = new([], ImmutableDictionary<UniqueAddress, long>.Empty);

    /// <summary><paramref name="observer"/> stopped hearing <paramref name="subject"/>.</summary>
    public Reachability Unreachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Unreachable);

    /// <summary><paramref name="observer"/> hears <paramref name="subject"/> again.</summary>
    public Reachability Reachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Reachable);

    /// <summary><paramref name="observer"/> knows <paramref name="subject"/> is down for good.</summary>
    public Reachability Terminated(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Terminated);

    /// <summary>The status of <paramref name="subject"/> as <paramref name="observer"/> sees it.</summary>
    public ReachabilityStatus Status(UniqueAddress observer, UniqueAddress subject) =>
        Records.FirstOrDefault(r => r.Observer.Equals(observer) && r.Subject.Equals(subject))?.Status ?? ReachabilityStatus.Reachable;

    /// <summary>The aggregate status of <paramref name="subject"/>: Terminated if anyone says so, else Unreachable if anyone says so.</summary>
    public ReachabilityStatus Status(UniqueAddress subject)
    {
        var status = ReachabilityStatus.Reachable;
        foreach (var record in Records)
        {
            if (!record.Subject.Equals(subject))
            {
                continue;
            }

            if (record.Status == ReachabilityStatus.Terminated)
            {
                return ReachabilityStatus.Terminated;
            }

            if (record.Status == ReachabilityStatus.Unreachable)
            {
                status = ReachabilityStatus.Unreachable;
            }
        }

        return status;
    }

    /// <summary>Whether nobody says <paramref name="subject"/> is unreachable or terminated.</summary>
    public bool IsReachable(UniqueAddress subject) => Status(subject) == ReachabilityStatus.Reachable;

    /// <summary>Every node some observer cannot reach (terminated ones included).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImmutableHashSet<UniqueAddress> AllUnreachableOrTerminated =>
        Records.Where(r => r.Status != ReachabilityStatus.Reachable).Select(r => r.Subject).ToImmutableHashSet();

    /// <summary>Observers that cannot reach <paramref name="subject"/>.</summary>
    public ImmutableHashSet<UniqueAddress> ObserversOf(UniqueAddress subject) =>
        Records.Where(r => r.Subject.Equals(subject) && r.Status == ReachabilityStatus.Unreachable).Select(r => r.Observer).ToImmutableHashSet();

    /// <summary>Forgets every row by or about <paramref name="nodes"/> (they were removed).</summary>
    public Reachability Remove(IEnumerable<UniqueAddress> nodes)
    {
        var gone = nodes.ToHashSet();
        return new Reachability(
            [.. Records.Where(r => !gone.Contains(r.Observer) && !gone.Contains(r.Subject))],
            Versions.RemoveRange(gone));
    }

    /// <summary>
    /// Combines two views: per observer, the rows of the side that has heard more of it. Only rows of
    /// <paramref name="members"/> are kept.
    /// </summary>
    public Reachability Merge(IReadOnlySet<UniqueAddress> members, Reachability other)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(other);
        var records = ImmutableArray.CreateBuilder<ReachabilityRecord>();
        var versions = ImmutableDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var observer in Versions.Keys.Concat(other.Versions.Keys).Distinct())
        {
            if (!members.Contains(observer))
            {
                continue;
            }

            var mine = Versions.GetValueOrDefault(observer);
            var theirs = other.Versions.GetValueOrDefault(observer);
            var winner = theirs > mine ? other : this;
            versions[observer] = Math.Max(mine, theirs);
            records.AddRange(winner.Records.Where(r => r.Observer.Equals(observer) && members.Contains(r.Subject)));
        }

        return new Reachability(records.ToImmutable(), versions.ToImmutable());
    }

    private Reachability Change(UniqueAddress observer, UniqueAddress subject, ReachabilityStatus status)
    {
        var current = Records.FirstOrDefault(r => r.Observer.Equals(observer) && r.Subject.Equals(subject));
        if ((current?.Status ?? ReachabilityStatus.Reachable) == status || current?.Status == ReachabilityStatus.Terminated)
        {
            // No news, and terminated is final.
            return this;
        }

        var version = Versions.GetValueOrDefault(observer) + 1;
        var without = Records.Where(r => !(r.Observer.Equals(observer) && r.Subject.Equals(subject)));

        // Once an observer reaches everyone again its rows carry nothing: drop them (the version stays, so the
        // change still wins when merged).
        var rows = status == ReachabilityStatus.Reachable
            ? without.ToImmutableArray()
            : [.. without, new ReachabilityRecord(observer, subject, status, version)];
        return new Reachability(rows, Versions.SetItem(observer, version));
    }
}
