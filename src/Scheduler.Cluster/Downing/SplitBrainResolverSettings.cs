using Microsoft.Extensions.Configuration;
using Scheduler.Actors;

namespace Scheduler.Cluster.Downing;

/// <summary>The <c>scheduler.cluster.split-brain-resolver</c> section: how unreachable members are downed.</summary>
public sealed record SplitBrainResolverSettings
{
    private const string Section = "scheduler.cluster.split-brain-resolver";

    /// <summary>Which strategy decides.</summary>
    public SplitBrainStrategy Strategy { get; init; } = SplitBrainStrategy.KeepMajority;

    /// <summary>Only members with this role count in the decision; null: all members.</summary>
    public string? Role { get; init; }

    /// <summary>How long the partition must look the same before a decision.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How much longer than <see cref="StableAfter"/> an ever-changing partition is tolerated before everyone is downed; null: forever.</summary>
    public TimeSpan? DownAllWhenUnstable { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>For static-quorum: the members a side needs to carry on.</summary>
    public int QuorumSize { get; init; }

    /// <summary>For keep-oldest: whether an oldest member cut off alone is downed instead of the rest.</summary>
    public bool DownIfAlone { get; init; } = true;

    /// <summary>For lease-majority: the configuration section of the lease implementation.</summary>
    public string LeaseImplementation { get; init; } = string.Empty;

    /// <summary>For lease-majority: the lease's name, shared by every member of the cluster.</summary>
    public string LeaseName { get; init; } = string.Empty;

    /// <summary>For lease-majority: how long the minority side waits before trying to take the lease.</summary>
    public TimeSpan AcquireLeaseDelayForMinority { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads the section; a wrong value fails with its key named.</summary>
    public static SplitBrainResolverSettings Read(IConfiguration configuration, string systemName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = SettingsReader.RequireString(configuration, Section + ".active-strategy").ToLowerInvariant();
        var strategy = name switch
        {
            "keep-majority" => SplitBrainStrategy.KeepMajority,
            "static-quorum" => SplitBrainStrategy.StaticQuorum,
            "keep-oldest" => SplitBrainStrategy.KeepOldest,
            "down-all" => SplitBrainStrategy.DownAll,
            "lease-majority" => SplitBrainStrategy.LeaseMajority,
            _ => throw new ConfigurationException(
                $"Configuration key '{Section}.active-strategy' has value '{name}'; use keep-majority, static-quorum, keep-oldest, down-all or lease-majority."),
        };
        var stableAfter = SettingsReader.RequirePositiveDuration(configuration, Section + ".stable-after");
        var strategySection = $"{Section}.{name}";
        var role = SettingsReader.OptionalString(configuration, strategySection + ".role");
        var settings = new SplitBrainResolverSettings
        {
            Strategy = strategy,
            Role = role.Length == 0 ? null : role,
            StableAfter = stableAfter,
            DownAllWhenUnstable = ReadDownAllWhenUnstable(configuration, stableAfter),
        };
        return strategy switch
        {
            SplitBrainStrategy.StaticQuorum => settings with
            {
                QuorumSize = SettingsReader.RequirePositiveInt(configuration, Section + ".static-quorum.quorum-size"),
            },
            SplitBrainStrategy.KeepOldest => settings with
            {
                DownIfAlone = SettingsReader.RequireBool(configuration, Section + ".keep-oldest.down-if-alone"),
            },
            SplitBrainStrategy.LeaseMajority => settings with
            {
                LeaseImplementation = SettingsReader.RequireString(configuration, Section + ".lease-majority.lease-implementation"),
                LeaseName = SettingsReader.OptionalString(configuration, Section + ".lease-majority.lease-name") is { Length: > 0 } lease
                    ? lease
                    : systemName + "-split-brain-resolver",
                AcquireLeaseDelayForMinority = SettingsReader.RequireDuration(configuration, Section + ".lease-majority.acquire-lease-delay-for-minority"),
            },
            _ => settings,
        };
    }

    /// <summary>The strategy these settings describe.</summary>
    internal DowningStrategy CreateStrategy() => Strategy switch
    {
        SplitBrainStrategy.StaticQuorum => new StaticQuorum(QuorumSize),
        SplitBrainStrategy.KeepOldest => new KeepOldest(DownIfAlone),
        SplitBrainStrategy.DownAll => new DownAll(),
        SplitBrainStrategy.LeaseMajority => new LeaseMajority(AcquireLeaseDelayForMinority),
        _ => new KeepMajority(),
    };

    private static TimeSpan? ReadDownAllWhenUnstable(IConfiguration configuration, TimeSpan stableAfter)
    {
        const string key = Section + ".down-all-when-unstable";
        var text = SettingsReader.RequireString(configuration, key);
        return text.ToUpperInvariant() switch
        {
            "OFF" or "FALSE" or "NO" => null,

            // As in Akka: three quarters of stable-after, but never under four seconds, so a single slow gossip
            // round in an otherwise healthy cluster cannot down everyone.
            "ON" or "TRUE" or "YES" => TimeSpan.FromTicks(Math.Max(stableAfter.Ticks * 3 / 4, TimeSpan.FromSeconds(4).Ticks)),
            _ => SettingsReader.RequirePositiveDuration(configuration, key),
        };
    }
}
