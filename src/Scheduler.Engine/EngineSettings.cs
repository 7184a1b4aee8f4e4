using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Configuration;
using Scheduler.Engine.Execution.BuiltIn.Shell;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Waking;
using Scheduler.Engine.Workers;

namespace Scheduler.Engine;

/// <summary>The engine's settings, read once from <c>scheduler.engine</c>; a wrong value fails with its key named.</summary>
public sealed record EngineSettings
{
    private const string Section = "scheduler.engine";

    /// <summary>The role of nodes that host task entities and a dispatcher; empty: every node.</summary>
    public string? Role { get; init; }

    /// <summary>The role of nodes that run a worker.</summary>
    public string WorkerRole { get; init; } = "worker";

    /// <summary>Shards of the task type.</summary>
    public int NumberOfShards { get; init; } = 100;

    /// <summary>How often unanswered attempts and unacknowledged ends of attempts are sent again.</summary>
    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Tasks due further ahead passivate and are woken by the due-time index.</summary>
    public TimeSpan PassivateWaitingAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a finished task stays in memory after its last command (short: see reference.conf).</summary>
    public TimeSpan PassivateFinishedAfter { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The due-time index and its waker.</summary>
    public DueIndexSettings DueIndex { get; init; } = new();

    /// <summary>The <c>task_view</c> read model.</summary>
    public TaskViewSettings ReadModel { get; init; } = new();

    /// <summary>This node's worker.</summary>
    public WorkerSettings Worker { get; init; } = new();

    /// <summary>Whether the built-in <c>http</c> type is registered at start.</summary>
    public bool HttpEnabled { get; init; }

    /// <summary>How the built-in <c>shell</c> type is registered at start; null: it is not.</summary>
    public ShellOptions? Shell { get; init; }

    /// <summary>Bounds on submitted tasks.</summary>
    public TaskLimits Limits { get; init; } = TaskLimits.Default;

    /// <summary>True when <paramref name="member"/> is Up and may host task entities and a dispatcher.</summary>
    internal bool IsUpEngineNode(Cluster.Members.Member member) =>
        member.Status == Cluster.Members.MemberStatus.Up && (Role is not { } role || member.HasRole(role));

    /// <summary>Reads the section from <paramref name="system"/>'s configuration.</summary>
    public static EngineSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var config = system.Settings.Configuration;
        var role = SettingsReader.OptionalString(config, Section + ".role");
        var passivateWaitingAfter = SettingsReader.RequirePositiveDuration(config, Section + ".passivate-waiting-after");
        var lookAhead = SettingsReader.RequirePositiveDuration(config, Section + ".due-index.look-ahead");
        if (lookAhead >= passivateWaitingAfter)
        {
            throw new ConfigurationException(
                $"Configuration key '{Section}.due-index.look-ahead' ({lookAhead}) must be shorter than '{Section}.passivate-waiting-after' ({passivateWaitingAfter}).");
        }

        var executorMinBackoff = SettingsReader.RequirePositiveDuration(config, Section + ".worker.executor-restart.min-backoff");
        var executorMaxBackoff = SettingsReader.RequirePositiveDuration(config, Section + ".worker.executor-restart.max-backoff");
        if (executorMaxBackoff < executorMinBackoff)
        {
            throw new ConfigurationException(
                $"Configuration key '{Section}.worker.executor-restart.max-backoff' ({executorMaxBackoff}) must not be below min-backoff ({executorMinBackoff}).");
        }

        var drainTimeout = SettingsReader.RequireDuration(config, Section + ".worker.drain-timeout");
        var drainPhase = system.CoordinatedShutdown.Timeout(CoordinatedShutdown.PhaseBeforeClusterShutdown);
        if (drainTimeout < TimeSpan.Zero || drainTimeout >= drainPhase)
        {
            throw new ConfigurationException(
                $"Configuration key '{Section}.worker.drain-timeout' ({drainTimeout}) must lie between 0 and the timeout of the shutdown phase "
                + $"'{CoordinatedShutdown.PhaseBeforeClusterShutdown}' ({drainPhase}), which it runs in.");
        }

        var resendInterval = SettingsReader.RequirePositiveDuration(config, Section + ".resend-interval");
        var reportStartedAfter = ReportStartedAfter(config, resendInterval);
        return new EngineSettings
        {
            Role = role.Length == 0 ? null : role,
            WorkerRole = SettingsReader.OptionalString(config, Section + ".worker-role"),
            NumberOfShards = SettingsReader.RequirePositiveInt(config, Section + ".number-of-shards"),
            ResendInterval = resendInterval,
            PassivateWaitingAfter = passivateWaitingAfter,
            DueIndex = new DueIndexSettings
            {
                WakeInterval = SettingsReader.RequirePositiveDuration(config, Section + ".due-index.wake-interval"),
                BatchSize = SettingsReader.RequirePositiveInt(config, Section + ".due-index.batch-size"),
                RewakeAfter = SettingsReader.RequirePositiveDuration(config, Section + ".due-index.rewake-after"),
                LookAhead = lookAhead,
            },
            PassivateFinishedAfter = SettingsReader.RequirePositiveDuration(config, Section + ".passivate-finished-after"),
            ReadModel = new TaskViewSettings
            {
                Enabled = SettingsReader.RequireBool(config, Section + ".read-model.enabled"),
                BatchSize = SettingsReader.RequirePositiveInt(config, Section + ".read-model.batch-size"),
                BatchInterval = SettingsReader.RequireNonNegativeDuration(config, Section + ".read-model.batch-interval"),
                Retention = SettingsReader.RequirePositiveDuration(config, Section + ".read-model.retention"),
                PruneInterval = SettingsReader.RequirePositiveDuration(config, Section + ".read-model.prune-interval"),
            },
            HttpEnabled = SettingsReader.RequireBool(config, Section + ".executors.http.enabled"),
            Shell = SettingsReader.RequireBool(config, Section + ".executors.shell.enabled")
                ? new ShellOptions
                {
                    AllowedCommands = SettingsReader.StringList(config, Section + ".executors.shell.allowed-commands"),
                    InheritEnvironment = SettingsReader.RequireBool(config, Section + ".executors.shell.inherit-environment"),
                    KillGrace = SettingsReader.RequirePositiveDuration(config, Section + ".executors.shell.kill-grace"),
                }
                : null,
            Limits = ReadLimits(config),
            Worker = new WorkerSettings
            {
                Slots = SettingsReader.RequirePositiveInt(config, Section + ".worker.slots"),
                Tags = SettingsReader.StringList(config, Section + ".worker.tags"),
                CpuMillis = NotNegative(SettingsReader.RequireInt(config, Section + ".worker.cpu-millis"), "worker.cpu-millis"),
                MemoryMiB = NotNegative(SettingsReader.RequireInt(config, Section + ".worker.memory-mib"), "worker.memory-mib"),
                ReportStartedAfter = reportStartedAfter,
                RememberedOutcomes = SettingsReader.RequirePositiveInt(config, Section + ".worker.remembered-outcomes"),
                DrainTimeout = drainTimeout,
                ExecutorMinBackoff = executorMinBackoff,
                ExecutorMaxBackoff = executorMaxBackoff,
                ExecutorMaxRestarts = NotNegative(SettingsReader.RequireInt(config, Section + ".worker.executor-restart.max-restarts"), "worker.executor-restart.max-restarts"),
            },
        };
    }

    // Below the resend interval, or the task would send the attempt again before its worker says it took it.
    private static TimeSpan ReportStartedAfter(IConfiguration config, TimeSpan resendInterval)
    {
        var after = SettingsReader.RequireDuration(config, Section + ".worker.report-started-after");
        return after >= TimeSpan.Zero && after < resendInterval
            ? after
            : throw new ConfigurationException(
                $"Configuration key '{Section}.worker.report-started-after' ({after}) must lie between 0 and '{Section}.resend-interval' ({resendInterval}).");
    }

    private static TaskLimits ReadLimits(IConfiguration config)
    {
        const string LimitsSection = Section + ".limits";
        int Bytes(string key)
        {
            var value = SettingsReader.RequireSize(config, LimitsSection + "." + key);
            return value is > 0 and <= int.MaxValue
                ? (int)value
                : throw new ConfigurationException($"Configuration key '{LimitsSection}.{key}' must be a size above 0 and below 2GiB, not {value} bytes.");
        }

        return new TaskLimits
        {
            MaxPayloadBytes = Bytes("max-payload"),
            MaxNameLength = SettingsReader.RequirePositiveInt(config, LimitsSection + ".max-name-length"),
            MaxLabels = NotNegative(SettingsReader.RequireInt(config, LimitsSection + ".max-labels"), "limits.max-labels"),
            MaxLabelValueLength = SettingsReader.RequirePositiveInt(config, LimitsSection + ".max-label-value-length"),
            MaxChildren = NotNegative(SettingsReader.RequireInt(config, LimitsSection + ".max-children"), "limits.max-children"),
            MaxFanOutBytes = Bytes("max-fan-out"),
            MaxResultBytes = Bytes("max-result"),
            MaxCollectedBytes = Bytes("max-collected"),
            MaxScheduleAhead = SettingsReader.RequirePositiveDuration(config, LimitsSection + ".max-schedule-ahead"),
        };
    }

    private static int NotNegative(int value, string key) => value >= 0
        ? value
        : throw new ConfigurationException($"Configuration key '{Section}.{key}' must not be negative, not {value}.");
}
