using Microsoft.Extensions.Configuration;

namespace Scheduler.Actors;

/// <summary>
/// The kernel's settings, read once at start from <c>scheduler.actor</c> and <c>scheduler.coordinated-shutdown</c>.
/// Every default is in <c>hocon/reference.conf</c>, with a comment.
/// </summary>
public sealed class ActorSystemSettings
{
    private ActorSystemSettings(IConfiguration config)
    {
        Configuration = config;
        AskTimeout = SettingsReader.RequireDuration(config, "scheduler.actor.ask-timeout");
        LogDeadLetters = SettingsReader.RequireCountOrOff(config, "scheduler.actor.log-dead-letters");
        LogDeadLettersSuspendDuration = SettingsReader.RequireDuration(config, "scheduler.actor.log-dead-letters-suspend-duration");
        LogDeadLettersDuringShutdown = SettingsReader.RequireBool(config, "scheduler.actor.log-dead-letters-during-shutdown");
        var guardian = SettingsReader.RequireString(config, "scheduler.actor.guardian-supervisor-strategy");
        GuardianSupervisorStrategy = guardian switch
        {
            "default" => SupervisorStrategy.Default,
            "stopping" => SupervisorStrategy.Stopping,
            _ => throw new ConfigurationException(
                $"Configuration key 'scheduler.actor.guardian-supervisor-strategy' has value '{guardian}'; expected 'default' or 'stopping'."),
        };
        Dispatchers = ReadDispatchers(config);
        Mailboxes = ReadMailboxes(config);
        CoordinatedShutdown = CoordinatedShutdownSettings.Read(config);
    }

    /// <summary>The whole configuration, for the layers above the kernel.</summary>
    public IConfiguration Configuration { get; }

    /// <summary><c>scheduler.actor.ask-timeout</c>: the timeout of an Ask that names none.</summary>
    public TimeSpan AskTimeout { get; }

    /// <summary><c>scheduler.actor.log-dead-letters</c>: how many dead letters to log before pausing; 0 logs none.</summary>
    public int LogDeadLetters { get; }

    /// <summary><c>scheduler.actor.log-dead-letters-suspend-duration</c>: the pause after that many.</summary>
    public TimeSpan LogDeadLettersSuspendDuration { get; }

    /// <summary><c>scheduler.actor.log-dead-letters-during-shutdown</c>.</summary>
    public bool LogDeadLettersDuringShutdown { get; }

    /// <summary><c>scheduler.actor.guardian-supervisor-strategy</c>: how <c>/user</c> treats failing top-level actors.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; }

    internal IReadOnlyDictionary<string, DispatcherSettings> Dispatchers { get; }

    internal IReadOnlyDictionary<string, MailboxSettings> Mailboxes { get; }

    /// <summary><c>scheduler.coordinated-shutdown</c>.</summary>
    public CoordinatedShutdownSettings CoordinatedShutdown { get; }

    internal static ActorSystemSettings Read(IConfiguration config) => new(config);

    private static Dictionary<string, DispatcherSettings> ReadDispatchers(IConfiguration config)
    {
        var result = new Dictionary<string, DispatcherSettings>(StringComparer.Ordinal);
        foreach (var section in config.GetSection(SettingsReader.Key("scheduler.actor.dispatchers")).GetChildren())
        {
            var prefix = $"scheduler.actor.dispatchers.{section.Key}";
            var type = SettingsReader.RequireString(config, $"{prefix}.type");
            if (type is not ("thread-pool" or "pinned"))
            {
                throw new ConfigurationException($"Configuration key '{prefix}.type' has value '{type}'; expected 'thread-pool' or 'pinned'.");
            }

            var throughput = SettingsReader.RequireInt(config, $"{prefix}.throughput");
            if (throughput < 1)
            {
                throw new ConfigurationException($"Configuration key '{prefix}.throughput' must be at least 1, not {throughput}.");
            }

            result[section.Key] = new DispatcherSettings(section.Key, string.Equals(type, "pinned", StringComparison.Ordinal), throughput);
        }

        return result;
    }

    private static Dictionary<string, MailboxSettings> ReadMailboxes(IConfiguration config)
    {
        var result = new Dictionary<string, MailboxSettings>(StringComparer.Ordinal);
        foreach (var section in config.GetSection(SettingsReader.Key("scheduler.actor.mailboxes")).GetChildren())
        {
            var prefix = $"scheduler.actor.mailboxes.{section.Key}";
            var type = SettingsReader.RequireString(config, $"{prefix}.type");
            var capacity = type switch
            {
                "unbounded" => 0,
                "bounded" => SettingsReader.RequireInt(config, $"{prefix}.capacity"),
                _ => throw new ConfigurationException($"Configuration key '{prefix}.type' has value '{type}'; expected 'unbounded' or 'bounded'."),
            };
            if (string.Equals(type, "bounded", StringComparison.Ordinal) && capacity < 1)
            {
                throw new ConfigurationException($"Configuration key '{prefix}.capacity' must be at least 1, not {capacity}.");
            }

            result[section.Key] = new MailboxSettings(section.Key, capacity);
        }

        return result;
    }
}

