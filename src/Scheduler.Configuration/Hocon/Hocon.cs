namespace Scheduler.Configuration;

/// <summary>
/// Reads HOCON (Human-Optimized Config Object Notation, the format of Akka's and Typesafe's configuration files):
/// parses the text and the files it includes, merges duplicate keys and resolves substitutions.
/// </summary>
public static class Hocon
{
    /// <summary>Parses and resolves HOCON text.</summary>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">The name error messages give the text; relative includes are looked up in the current directory.</param>
    /// <param name="options">The environment and file seams; <see cref="HoconParseOptions.Default"/> when null.</param>
    /// <exception cref="HoconException">The text is malformed or a substitution cannot be resolved.</exception>
    public static HoconRoot Parse(string text, string sourceName = "<string>", HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        return Load(text, sourceName, filePath: null, options ?? HoconParseOptions.Default);
    }

    /// <summary>Reads, parses and resolves a HOCON file; relative includes are looked up next to it.</summary>
    /// <param name="path">The file; error messages name it as given here.</param>
    /// <param name="options">The environment and file seams; <see cref="HoconParseOptions.Default"/> when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HoconException">The text is malformed or a substitution cannot be resolved.</exception>
    public static HoconRoot ParseFile(string path, HoconParseOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= HoconParseOptions.Default;
        var fullPath = Path.GetFullPath(path);
        var text = options.FileReader(fullPath) ?? throw new FileNotFoundException($"HOCON file '{path}' was not found.", fullPath);
        return Load(text, path, fullPath, options);
    }

    internal static HoconRoot Load(string text, string sourceName, string? filePath, HoconParseOptions options)
    {
        var session = new ParseSession(options);
        var start = new SourcePosition(sourceName, 1, 1);
        var tree = Parser.ParseDocument(text, sourceName, filePath, session, HoconPath.Empty, start);
        var value = Resolver.Resolve(tree, options.EnvironmentLookup);
        return new HoconRoot(value, sourceName);
    }
}
