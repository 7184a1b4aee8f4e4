namespace Scheduler.Configuration;

/// <summary>The seams the parser reaches the outside world through: environment variables and included files.</summary>
public sealed class HoconParseOptions
{
    /// <summary>Options that read the process environment and the file system.</summary>
    public static HoconParseOptions Default { get; } = new();

    /// <summary>
    /// Looks up an environment variable by name; consulted when a substitution's path is not in the configuration
    /// (<c>${HOME}</c>). Returns <see langword="null"/> when the variable is not set.
    /// Defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>.
    /// </summary>
    public Func<string, string?> EnvironmentLookup { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Reads an included file given its full path. Returns <see langword="null"/> when the file does not exist.
    /// Defaults to reading the file system.
    /// </summary>
    public Func<string, string?> FileReader { get; init; } = ReadFileIfExists;

    private static string? ReadFileIfExists(string fullPath) => File.Exists(fullPath) ? File.ReadAllText(fullPath) : null;
}
