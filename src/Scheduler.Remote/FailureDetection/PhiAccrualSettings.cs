using Microsoft.Extensions.Configuration;
using Scheduler.Actors;

namespace Scheduler.Remote;

/// <summary>How suspicious a phi-accrual failure detector is; the names and meanings follow Akka's.</summary>
public sealed record PhiAccrualSettings
{
    /// <summary>Phi at which a node is considered unavailable: 8 is about one wrong suspicion in 10^8 heartbeats of a steady history.</summary>
    public double Threshold { get; init; } = 8.0;

    /// <summary>How many heartbeat intervals the history keeps.</summary>
    public int MaxSampleSize { get; init; } = 1000;

    /// <summary>The smallest standard deviation assumed, so a very regular history does not make phi jump at the first late heartbeat.</summary>
    public TimeSpan MinStandardDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A pause (a GC, a busy network) tolerated on top of the usual interval before phi climbs.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The interval assumed before any was measured; the history starts from it.</summary>
    public TimeSpan FirstHeartbeatEstimate { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        Threshold > 0 && MaxSampleSize > 0 && MinStandardDeviation > TimeSpan.Zero && AcceptableHeartbeatPause >= TimeSpan.Zero && FirstHeartbeatEstimate > TimeSpan.Zero
            ? null
            : $"Failure detector settings are invalid: threshold ({Threshold}), max sample size ({MaxSampleSize}), min standard deviation ({MinStandardDeviation}) and first heartbeat estimate ({FirstHeartbeatEstimate}) must be positive, acceptable heartbeat pause ({AcceptableHeartbeatPause}) not negative.";

    /// <summary>Reads a detector section (threshold, max-sample-size, min-std-deviation, acceptable-heartbeat-pause, heartbeat-interval) and checks it.</summary>
    internal static PhiAccrualSettings Read(IConfiguration configuration, string section)
    {
        var settings = new PhiAccrualSettings
        {
            Threshold = SettingsReader.RequireDouble(configuration, section + ".threshold"),
            MaxSampleSize = SettingsReader.RequireInt(configuration, section + ".max-sample-size"),
            MinStandardDeviation = SettingsReader.RequireDuration(configuration, section + ".min-std-deviation"),
            AcceptableHeartbeatPause = SettingsReader.RequireDuration(configuration, section + ".acceptable-heartbeat-pause"),
            FirstHeartbeatEstimate = SettingsReader.RequireDuration(configuration, section + ".heartbeat-interval"),
        };
        return settings.Problem() is { } problem ? throw new ConfigurationException($"Configuration section '{section}': {problem}") : settings;
    }
}
