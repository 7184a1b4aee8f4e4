using Scheduler.Actors;

namespace Scheduler.Sharding;

/// <summary>
/// The <c>scheduler.cluster.sharding</c> section: where regions host shards, how they find and move them, and how
/// entities are kept alive or passivated. Read once with <see cref="Create"/>; adjust per type with <c>with</c>.
/// </summary>
public sealed record ClusterShardingSettings
{
    private const string Section = "scheduler.cluster.sharding";

    /// <summary>Only members with this role host shards (and run the coordinator); null: every member.</summary>
    public string? Role { get; init; }

    /// <summary>
    /// Whether a shard remembers which entities run in it (in the journal) and starts them again wherever it starts
    /// next: after a rebalance, a graceful hand-off or a crash of its node. Idle passivation is off for such types,
    /// as in Akka: an entity that should stop passivates itself.
    /// </summary>
    public bool RememberEntities { get; init; }

    /// <summary>An entity that received nothing for this long is passivated; null: never.</summary>
    public TimeSpan? PassivateIdleEntityAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages a region holds while it learns where their shards live; beyond it they go to dead letters.</summary>
    public int BufferSize { get; init; } = 100_000;

    /// <summary>How often a region asks again: to register with the coordinator, and for homes it is still waiting for.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a hand-off may take: the coordinator gives up on it after this (the shard stays where it was), and a
    /// shard that hands off stops the entities still running after half of it.
    /// </summary>
    public TimeSpan HandOffTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the coordinator asks the allocation strategy what to move.</summary>
    public TimeSpan RebalanceInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The least-shards strategy moves at most this many shards in one round.</summary>
    public int RebalanceAbsoluteLimit { get; init; } = 20;

    /// <summary>The least-shards strategy moves at most this share of all shards in one round.</summary>
    public double RebalanceRelativeLimit { get; init; } = 0.1;

    /// <summary>At most this many hand-offs run at the same time (a region leaving gracefully is not limited).</summary>
    public int MaxSimultaneousRebalance { get; init; } = 3;

    /// <summary>A remembered entity that stopped without passivating is started again after this.</summary>
    public TimeSpan EntityRestartBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the coordinator waits for a region to say it started a shard it was told to host before telling it
    /// again (the first word may have been lost).
    /// </summary>
    public TimeSpan ShardStartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>With remember-entities: a shard that stopped on a failure starts again after this.</summary>
    public TimeSpan ShardFailureBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The coordinator is started again this long after it stopped on a failure.</summary>
    public TimeSpan CoordinatorFailureBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// With remember-entities: a passivated entity's stop is stored with the shard's next update (a start's), or after
    /// this at the latest. Nobody waits for a stop, and one that rides along with a start costs no journal row of its
    /// own. Until it is stored, a message for the entity starts it again without a write; a shard that stops on a
    /// failure meanwhile leaves the entity remembered, and the shard's next home starts it again.
    /// </summary>
    public TimeSpan RememberEntitiesStopDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The coordinator and remember-entities stores save a snapshot after this many events.</summary>
    public int SnapshotAfter { get; init; } = 1000;

    /// <summary>
    /// How many remembered entities a starting shard starts per <see cref="EntityRecoveryFrequency"/>; null: all at
    /// once. Spreads the load when many entities come back together (a thundering herd after a crash).
    /// </summary>
    public int? EntityRecoveryRate { get; init; }

    /// <summary>With <see cref="EntityRecoveryRate"/>: how often the next group of remembered entities starts.</summary>
    public TimeSpan EntityRecoveryFrequency { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads the section from <paramref name="system"/>'s configuration; a wrong value fails with its key named.</summary>
    public static ClusterShardingSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var configuration = system.Settings.Configuration;
        var role = SettingsReader.OptionalString(configuration, Section + ".role");
        var idle = SettingsReader.RequireString(configuration, Section + ".passivate-idle-entity-after");
        var strategy = SettingsReader.RequireString(configuration, Section + ".entity-recovery-strategy").ToLowerInvariant();
        const string rateSection = Section + ".entity-recovery-constant-rate-strategy";
        return new ClusterShardingSettings
        {
            Role = role.Length == 0 ? null : role,
            RememberEntities = SettingsReader.RequireBool(configuration, Section + ".remember-entities"),
            PassivateIdleEntityAfter = idle.Equals("off", StringComparison.OrdinalIgnoreCase)
                ? null
                : SettingsReader.RequirePositiveDuration(configuration, Section + ".passivate-idle-entity-after"),
            BufferSize = Within(SettingsReader.RequireInt(configuration, Section + ".buffer-size"), 0, 10_000_000, "buffer-size"),
            RetryInterval = SettingsReader.RequirePositiveDuration(configuration, Section + ".retry-interval"),
            HandOffTimeout = SettingsReader.RequirePositiveDuration(configuration, Section + ".handoff-timeout"),
            RebalanceInterval = SettingsReader.RequirePositiveDuration(configuration, Section + ".rebalance-interval"),
            RebalanceAbsoluteLimit = SettingsReader.RequirePositiveInt(configuration, Section + ".least-shard-allocation-strategy.rebalance-absolute-limit"),
            RebalanceRelativeLimit = RelativeLimit(SettingsReader.RequireDouble(configuration, Section + ".least-shard-allocation-strategy.rebalance-relative-limit")),
            MaxSimultaneousRebalance = SettingsReader.RequirePositiveInt(configuration, Section + ".max-simultaneous-rebalance"),
            EntityRestartBackoff = SettingsReader.RequirePositiveDuration(configuration, Section + ".entity-restart-backoff"),
            ShardStartTimeout = SettingsReader.RequirePositiveDuration(configuration, Section + ".shard-start-timeout"),
            ShardFailureBackoff = SettingsReader.RequirePositiveDuration(configuration, Section + ".shard-failure-backoff"),
            CoordinatorFailureBackoff = SettingsReader.RequirePositiveDuration(configuration, Section + ".coordinator-failure-backoff"),
            RememberEntitiesStopDelay = SettingsReader.RequirePositiveDuration(configuration, Section + ".remember-entities-stop-delay"),
            SnapshotAfter = SettingsReader.RequirePositiveInt(configuration, Section + ".snapshot-after"),
            EntityRecoveryRate = strategy switch
            {
                "all" => null,
                "constant" => SettingsReader.RequirePositiveInt(configuration, rateSection + ".number-of-entities"),
                _ => throw new ConfigurationException($"Configuration key '{Section}.entity-recovery-strategy' has value '{strategy}'; use all or constant."),
            },
            EntityRecoveryFrequency = SettingsReader.RequirePositiveDuration(configuration, rateSection + ".frequency"),
        };
    }

    private static int Within(int value, int min, int max, string key) => value >= min && value <= max
        ? value
        : throw new ConfigurationException($"Configuration key '{Section}.{key}' must be between {min} and {max}, not {value}.");

    private static double RelativeLimit(double value) => value is > 0 and <= 1
        ? value
        : throw new ConfigurationException(
            $"Configuration key '{Section}.least-shard-allocation-strategy.rebalance-relative-limit' must be above 0 and at most 1, not {value}.");
}
