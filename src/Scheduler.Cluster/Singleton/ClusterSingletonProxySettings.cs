using Scheduler.Actors;

namespace Scheduler.Cluster.Singleton;

/// <summary>The <c>scheduler.cluster.singleton-proxy</c> section: how a proxy finds the singleton.</summary>
public sealed record ClusterSingletonProxySettings
{
    private const string Section = "scheduler.cluster.singleton-proxy";

    /// <summary>The singleton's actor name under its manager (as the manager's settings say).</summary>
    public string SingletonName { get; init; } = "singleton";

    /// <summary>The role the singleton runs on (as the manager's settings say); null: any member.</summary>
    public string? Role { get; init; }

    /// <summary>How often the proxy asks the oldest member for the singleton while it does not know it.</summary>
    public TimeSpan SingletonIdentificationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages held while the singleton is being found; 0 drops them at once.</summary>
    public int BufferSize { get; init; } = 1000;

    /// <summary>Reads the section from <paramref name="system"/>'s configuration; a wrong value fails with its key named.</summary>
    public static ClusterSingletonProxySettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var configuration = system.Settings.Configuration;
        var role = SettingsReader.OptionalString(configuration, Section + ".role");
        var buffer = SettingsReader.RequireInt(configuration, Section + ".buffer-size");
        return new ClusterSingletonProxySettings
        {
            SingletonName = SettingsReader.RequireString(configuration, Section + ".singleton-name"),
            Role = role.Length == 0 ? null : role,
            SingletonIdentificationInterval = SettingsReader.RequirePositiveDuration(configuration, Section + ".singleton-identification-interval"),
            BufferSize = buffer is >= 0 and <= 1_000_000
                ? buffer
                : throw new ConfigurationException($"Configuration key '{Section}.buffer-size' must be between 0 and 1000000, not {buffer}."),
        };
    }
}
