using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Cluster.Downing;
using Scheduler.Remote;

namespace Scheduler.Cluster;

/// <summary>The <c>scheduler.cluster</c> section, checked when the cluster starts.</summary>
public sealed record ClusterSettings
{
    private const string Section = "scheduler.cluster";

    /// <summary>Addresses to join through; the first may form the cluster alone.</summary>
    public ImmutableArray<Address> SeedNodes { get; init; } = [];

    /// <summary>This node's roles.</summary>
    public ImmutableHashSet<string> Roles { get; init; } = [];

    /// <summary>Members needed before any becomes Up.</summary>
    public int MinNrOfMembers { get; init; } = 1;

    /// <summary>Members with a role needed before any becomes Up.</summary>
    public ImmutableDictionary<string, int> MinNrOfMembersPerRole { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>How long the first seed waits for others before forming a cluster alone.</summary>
    public TimeSpan SeedNodeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a join waits for its welcome before starting over.</summary>
    public TimeSpan RetryUnsuccessfulJoinAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often gossip is sent.</summary>
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the leader acts.</summary>
    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often silence becomes unreachability.</summary>
    public TimeSpan UnreachableNodesReaperInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After how long joiners become WeaklyUp while the cluster cannot converge; null: never.</summary>
    public TimeSpan? AllowWeaklyUpMembers { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>Whether a member that sees itself Down runs coordinated shutdown.</summary>
    public bool RunCoordinatedShutdownWhenDown { get; init; } = true;

    /// <summary>How unreachable members are downed; null when downing-provider is off (by hand only).</summary>
    public SplitBrainResolverSettings? SplitBrainResolver { get; init; } = new();

    /// <summary>How often heartbeats go out.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The failure detector of each monitored member.</summary>
    public PhiAccrualSettings FailureDetector { get; init; } = new();

    /// <summary>How many members watch each member.</summary>
    public int MonitoredByNrOfMembers { get; init; } = 9;

    /// <summary>When a member that never answered starts counting as answered once.</summary>
    public TimeSpan ExpectedResponseAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after a downed member's removal what ran there may start elsewhere (singletons, shards): a cut-off
    /// member learns it was downed only when its own side's resolver decides (after stable-after, and for
    /// lease-majority after the minority's delay), so it may keep running that long after the other side removed it.
    /// Zero without a resolver: whoever downs by hand vouches that the member is gone.
    /// </summary>
    internal TimeSpan DownRemovalMargin => SplitBrainResolver is { } resolver
        ? resolver.StableAfter + (resolver.Strategy == SplitBrainStrategy.LeaseMajority ? resolver.AcquireLeaseDelayForMinority : TimeSpan.Zero)
        : TimeSpan.Zero;

    /// <summary>Reads and checks the section; a wrong value fails with the key named.</summary>
    public static ClusterSettings Read(IConfiguration configuration, string systemName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var seeds = SettingsReader.StringList(configuration, Section + ".seed-nodes").Select(ParseSeed).ToImmutableArray();
        var minimum = SettingsReader.RequirePositiveInt(configuration, Section + ".min-nr-of-members");
        var perRole = configuration.GetSection(SettingsReader.Key(Section + ".role")).GetChildren()
            .ToImmutableDictionary(role => role.Key, role => SettingsReader.RequirePositiveInt(configuration, $"{Section}.role.{role.Key}.min-nr-of-members"), StringComparer.Ordinal);
        const string detector = Section + ".failure-detector";
        var failureDetector = PhiAccrualSettings.Read(configuration, detector);

        var weaklyUp = SettingsReader.RequireString(configuration, Section + ".allow-weakly-up-members");
        var downing = SettingsReader.RequireString(configuration, Section + ".downing-provider").ToLowerInvariant() switch
        {
            "off" => null,
            "split-brain-resolver" => SplitBrainResolverSettings.Read(configuration, systemName),
            var other => throw new ConfigurationException($"Configuration key '{Section}.downing-provider' has value '{other}'; use split-brain-resolver or off."),
        };
        return new ClusterSettings
        {
            SeedNodes = seeds,
            Roles = [.. SettingsReader.StringList(configuration, Section + ".roles")],
            MinNrOfMembers = minimum,
            MinNrOfMembersPerRole = perRole,
            SeedNodeTimeout = SettingsReader.RequirePositiveDuration(configuration, Section + ".seed-node-timeout"),
            RetryUnsuccessfulJoinAfter = SettingsReader.RequirePositiveDuration(configuration, Section + ".retry-unsuccessful-join-after"),
            GossipInterval = SettingsReader.RequirePositiveDuration(configuration, Section + ".gossip-interval"),
            LeaderActionsInterval = SettingsReader.RequirePositiveDuration(configuration, Section + ".leader-actions-interval"),
            UnreachableNodesReaperInterval = SettingsReader.RequirePositiveDuration(configuration, Section + ".unreachable-nodes-reaper-interval"),
            AllowWeaklyUpMembers = weaklyUp.Equals("off", StringComparison.OrdinalIgnoreCase)
                ? null
                : SettingsReader.RequirePositiveDuration(configuration, Section + ".allow-weakly-up-members"),
            RunCoordinatedShutdownWhenDown = SettingsReader.RequireBool(configuration, Section + ".run-coordinated-shutdown-when-down"),
            SplitBrainResolver = downing,
            HeartbeatInterval = SettingsReader.RequirePositiveDuration(configuration, detector + ".heartbeat-interval"),
            FailureDetector = failureDetector,
            MonitoredByNrOfMembers = SettingsReader.RequirePositiveInt(configuration, detector + ".monitored-by-nr-of-members"),
            ExpectedResponseAfter = SettingsReader.RequirePositiveDuration(configuration, detector + ".expected-response-after"),
        };
    }

    private static Address ParseSeed(string text)
    {
        if (!ActorPath.TryParse(text, out var path, out var error) || path.Depth != 0 || !path.Address.HasGlobalScope)
        {
            throw new ConfigurationException(
                $"Configuration key '{Section}.seed-nodes' holds '{text}', which is not a node address such as sched.tcp://scheduler@10.0.0.1:2552{(path is null ? ": " + error : string.Empty)}.");
        }

        return path.Address;
    }
}
