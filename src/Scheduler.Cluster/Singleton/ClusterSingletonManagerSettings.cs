using Scheduler.Actors;

namespace Scheduler.Cluster.Singleton;

/// <summary>The <c>scheduler.cluster.singleton</c> section: how a singleton manager runs its singleton.</summary>
public sealed record ClusterSingletonManagerSettings
{
    private const string Section = "scheduler.cluster.singleton";

    /// <summary>The singleton's actor name under its manager.</summary>
    public string SingletonName { get; init; } = "singleton";

    /// <summary>Only members with this role run the singleton; null: any member.</summary>
    public string? Role { get; init; }

    /// <summary>How often a new oldest asks the previous one to hand over.</summary>
    public TimeSpan HandOverRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads the section from <paramref name="system"/>'s configuration; a wrong value fails with its key named.</summary>
    public static ClusterSingletonManagerSettings Create(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var configuration = system.Settings.Configuration;
        var role = SettingsReader.OptionalString(configuration, Section + ".role");
        return new ClusterSingletonManagerSettings
        {
            SingletonName = SettingsReader.RequireString(configuration, Section + ".singleton-name"),
            Role = role.Length == 0 ? null : role,
            HandOverRetryInterval = SettingsReader.RequirePositiveDuration(configuration, Section + ".hand-over-retry-interval"),
        };
    }
}
