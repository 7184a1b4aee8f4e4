using System.Collections.Concurrent;

namespace Scheduler.Actors.Coordination;

/// <summary>
/// Hands out leases by implementation name. An implementation (such as the SQL lease) registers a factory under
/// the name of its configuration section; users of leases (the split-brain resolver's lease-majority, singletons,
/// shards) name the section in their own configuration. Nothing is created from a type named in configuration:
/// only registered factories run.
/// </summary>
public sealed class LeaseProvider
{
    private const string Defaults = "scheduler.coordination.lease";
    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, Func<LeaseSettings, Lease>> _factories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Implementation, string Name, string Owner), Lease> _leases = new();

    private LeaseProvider(ActorSystem system) => _system = system;

    /// <summary>The lease provider of <paramref name="system"/>.</summary>
    public static LeaseProvider Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static s => new LeaseProvider(s));
    }

    /// <summary>Makes <paramref name="implementation"/> (a configuration section) available, built by <paramref name="factory"/>.</summary>
    public void Register(string implementation, Func<LeaseSettings, Lease> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(implementation);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[implementation] = factory;
    }

    /// <summary>Whether <paramref name="implementation"/> has been registered.</summary>
    public bool IsRegistered(string implementation) => _factories.ContainsKey(implementation);

    /// <summary>
    /// The lease <paramref name="leaseName"/> for <paramref name="ownerName"/> from <paramref name="implementation"/>,
    /// the same instance on every call with the same arguments. Timings come from the implementation's section,
    /// falling back to <c>scheduler.coordination.lease</c>.
    /// </summary>
    public Lease GetLease(string leaseName, string implementation, string ownerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseName);
        ArgumentException.ThrowIfNullOrWhiteSpace(implementation);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerName);
        if (!_factories.TryGetValue(implementation, out var factory))
        {
            throw new InvalidOperationException(
                $"No lease implementation is registered as '{implementation}'. Register it before use (for the SQL lease: SqlLease.Register(system, options)).");
        }

        return _leases.GetOrAdd((implementation, leaseName, ownerName), key => factory(Read(key.Implementation, key.Name, key.Owner)));
    }

    private LeaseSettings Read(string implementation, string leaseName, string ownerName)
    {
        var configuration = _system.Settings.Configuration;
        TimeSpan Duration(string key) => SettingsReader.OptionalString(configuration, $"{implementation}.{key}").Length > 0
            ? SettingsReader.RequirePositiveDuration(configuration, $"{implementation}.{key}")
            : SettingsReader.RequirePositiveDuration(configuration, $"{Defaults}.{key}");
        var settings = new LeaseSettings(leaseName, ownerName, Duration("heartbeat-timeout"), Duration("heartbeat-interval"), Duration("lease-operation-timeout"));
        return settings.HeartbeatInterval < settings.HeartbeatTimeout
            ? settings
            : throw new ConfigurationException(
                $"Lease '{implementation}': heartbeat-interval ({settings.HeartbeatInterval}) must be shorter than heartbeat-timeout ({settings.HeartbeatTimeout}), or the lease expires between renewals.");
    }
}
