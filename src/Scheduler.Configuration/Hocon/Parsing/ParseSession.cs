namespace Scheduler.Configuration;

/// <summary>State shared by the parsers of one document and the files it includes: the options and the include chain.</summary>
internal sealed class ParseSession(HoconParseOptions options)
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
        ? StringComparer.OrdinalIgnoreCase
        : StringComparer.Ordinal;

    private readonly List<(string FullPath, string SourceName)> _chain = [];

    public HoconParseOptions Options { get; } = options;

    /// <summary>Marks a file as being parsed; fails when it is already being parsed further up the include chain.</summary>
    public void Enter(string fullPath, string sourceName, SourcePosition includedAt)
    {
        var index = _chain.FindIndex(entry => PathComparer.Equals(entry.FullPath, fullPath));
        if (index >= 0)
        {
            var cycle = _chain.Skip(index).Select(entry => entry.SourceName).Append(sourceName);
            throw new HoconException(includedAt, $"include cycle: {string.Join(" -> ", cycle)}");
        }

        _chain.Add((fullPath, sourceName));
    }

    public void Exit() => _chain.RemoveAt(_chain.Count - 1);
}
