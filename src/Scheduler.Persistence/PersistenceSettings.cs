using Microsoft.Extensions.Configuration;
using Scheduler.Actors;

namespace Scheduler.Persistence;

/// <summary>Settings under <c>scheduler.persistence</c>.</summary>
public sealed class PersistenceSettings
{
    private PersistenceSettings(int maxConcurrentRecoveries, int recoveryPageSize)
    {
        MaxConcurrentRecoveries = maxConcurrentRecoveries;
        RecoveryPageSize = recoveryPageSize;
    }

    /// <summary><c>max-concurrent-recoveries</c>: persistent actors recovering at once.</summary>
    public int MaxConcurrentRecoveries { get; }

    /// <summary><c>recovery-page-size</c>: events read per query during recovery.</summary>
    public int RecoveryPageSize { get; }

    internal static PersistenceSettings Read(IConfiguration configuration)
    {
        var recoveries = Positive(configuration, "scheduler:persistence:max-concurrent-recoveries");
        var page = Positive(configuration, "scheduler:persistence:recovery-page-size");
        return new PersistenceSettings(recoveries, page);
    }

    private static int Positive(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ConfigurationException($"Configuration key '{key.Replace(':', '.')}' must be a positive whole number, not '{text}'.");
    }
}
