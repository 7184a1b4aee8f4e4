using System.Globalization;
using Microsoft.Extensions.Configuration;
using Scheduler.Configuration;

namespace Scheduler.Actors;

/// <summary>
/// Reads typed values from configuration with errors that name the key. Keys are given in HOCON's dotted form
/// (<c>scheduler.actor.ask-timeout</c>), which is how users write them; the defaults live in reference.conf.
/// </summary>
internal static class SettingsReader
{
    public static string Key(string dotted) => dotted.Replace('.', ':');

    public static string RequireString(IConfiguration config, string dotted)
    {
        var value = config[Key(dotted)];
        return string.IsNullOrWhiteSpace(value)
            ? throw new ConfigurationException($"Configuration key '{dotted}' is missing or empty.")
            : value.Trim();
    }

    public static int RequireInt(IConfiguration config, string dotted)
    {
        var text = RequireString(config, dotted);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConfigurationException($"Configuration key '{dotted}' has value '{text}', which is not a whole number.");
    }

    /// <summary>A TCP port, 0 (any free port) to 65535.</summary>
    public static int RequirePort(IConfiguration config, string dotted)
    {
        var port = RequireInt(config, dotted);
        return port is >= 0 and <= 65535
            ? port
            : throw new ConfigurationException($"Configuration key '{dotted}' has value {port}; a port lies between 0 and 65535.");
    }

    public static bool RequireBool(IConfiguration config, string dotted)
    {
        var text = RequireString(config, dotted);
        return text.ToUpperInvariant() switch
        {
            "ON" or "TRUE" or "YES" => true,
            "OFF" or "FALSE" or "NO" => false,
            _ => throw new ConfigurationException($"Configuration key '{dotted}' has value '{text}', which is not on/off, true/false or yes/no."),
        };
    }

    public static TimeSpan RequireDuration(IConfiguration config, string dotted)
    {
        var text = RequireString(config, dotted);
        try
        {
            return HoconDuration.Parse(text);
        }
        catch (FormatException exception)
        {
            throw new ConfigurationException($"Configuration key '{dotted}' has value '{text}', which is not a duration (such as 5s or 100ms).", exception);
        }
    }

    public static long RequireSize(IConfiguration config, string dotted)
    {
        var text = RequireString(config, dotted);
        return HoconSize.TryParse(text, out var bytes)
            ? bytes
            : throw new ConfigurationException($"Configuration key '{dotted}' has value '{text}', which is not a size (such as 512KiB or 1MiB).");
    }

    public static double RequireDouble(IConfiguration config, string dotted)
    {
        var text = RequireString(config, dotted);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ConfigurationException($"Configuration key '{dotted}' has value '{text}', which is not a number.");
    }

    /// <summary>A string that may be empty (such as an unset secret).</summary>
    public static string OptionalString(IConfiguration config, string dotted) => config[Key(dotted)]?.Trim() ?? string.Empty;

    /// <summary>An int that may also be written as off (0), as Akka allows for log-dead-letters.</summary>
    public static int RequireCountOrOff(IConfiguration config, string dotted)
    {
        var text = RequireString(config, dotted);
        return text.ToUpperInvariant() switch
        {
            "OFF" or "FALSE" or "NO" => 0,
            "ON" or "TRUE" or "YES" => 10,
            _ => RequireInt(config, dotted),
        };
    }

    public static string[] StringList(IConfiguration config, string dotted) =>
        config.GetSection(Key(dotted)).GetChildren()
            .Where(static child => !string.IsNullOrWhiteSpace(child.Value))
            .Select(static child => child.Value!.Trim())
            .ToArray();

    public static TimeSpan RequirePositiveDuration(IConfiguration config, string dotted)
    {
        var value = RequireDuration(config, dotted);
        return value > TimeSpan.Zero ? value : throw new ConfigurationException($"Configuration key '{dotted}' must be a positive duration, not {value}.");
    }

    public static TimeSpan RequireNonNegativeDuration(IConfiguration config, string dotted)
    {
        var value = RequireDuration(config, dotted);
        return value >= TimeSpan.Zero ? value : throw new ConfigurationException($"Configuration key '{dotted}' must be a duration of zero or more, not {value}.");
    }

    public static int RequirePositiveInt(IConfiguration config, string dotted)
    {
        var value = RequireInt(config, dotted);
        return value > 0 ? value : throw new ConfigurationException($"Configuration key '{dotted}' must be positive, not {value}.");
    }
}
