using Microsoft.Extensions.Configuration;

namespace Scheduler.Configuration;

/// <summary>Reads HOCON durations and sizes from configuration values, for options that bind them by hand.</summary>
public static class HoconConfigurationExtensions
{
    /// <summary>
    /// Reads the duration at <paramref name="key"/> (see <see cref="HoconDuration"/>), or
    /// <paramref name="defaultValue"/> when the key is absent or empty.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not a duration; the message names the key and the value.</exception>
    public static TimeSpan GetDuration(this IConfiguration configuration, string key, TimeSpan defaultValue) =>
        Read(configuration, key, defaultValue, HoconDuration.Parse, "duration");

    /// <summary>
    /// Reads the size in bytes at <paramref name="key"/> (see <see cref="HoconSize"/>), or
    /// <paramref name="defaultValue"/> when the key is absent or empty.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not a size; the message names the key and the value.</exception>
    public static long GetSize(this IConfiguration configuration, string key, long defaultValue) =>
        Read(configuration, key, defaultValue, HoconSize.Parse, "size");

    private static T Read<T>(IConfiguration configuration, string key, T defaultValue, Func<string, T> parse, string kind)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(key);
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"Configuration key '{FullKey(configuration, key)}' is not a valid {kind}: {ex.Message}", ex);
        }
    }

    /// <summary>The key as seen from the root, so that the message points at the right setting when read from a section.</summary>
    private static string FullKey(IConfiguration configuration, string key) =>
        configuration is IConfigurationSection section ? ConfigurationPath.Combine(section.Path, key) : key;
}
