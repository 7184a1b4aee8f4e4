namespace Scheduler.Configuration;

/// <summary>A parsed and resolved HOCON document: its root object, with lookups by path.</summary>
public sealed class HoconRoot
{
    internal HoconRoot(HoconValue value, string sourceName)
    {
        Value = value;
        SourceName = sourceName;
    }

    /// <summary>The root object.</summary>
    public HoconValue Value { get; }

    /// <summary>The file or source name the document was parsed from.</summary>
    public string SourceName { get; }

    /// <summary>The value at a path expression such as <c>a.b</c> or <c>a."b.c"</c>, or <see langword="null"/> when absent.</summary>
    /// <exception cref="ArgumentException">The path expression is malformed.</exception>
    public HoconValue? GetValue(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        HoconPath parsed;
        try
        {
            parsed = HoconPath.Parse(path, "<path>");
        }
        catch (HoconException ex)
        {
            throw new ArgumentException($"'{path}' is not a valid HOCON path: {ex.Reason}", nameof(path), ex);
        }

        var value = Value;
        foreach (var segment in parsed.Segments)
        {
            if (!value.Fields.TryGetValue(segment, out var field))
            {
                return null;
            }

            value = field;
        }

        return value;
    }

    /// <summary>The text of the string, number or boolean at a path, or <see langword="null"/> when absent, null or not a scalar.</summary>
    /// <exception cref="ArgumentException">The path expression is malformed.</exception>
    public string? GetString(string path) => GetValue(path)?.Text;

    /// <summary>
    /// The document as Microsoft.Extensions.Configuration data: <c>a.b.c</c> becomes key <c>a:b:c</c>, array
    /// elements <c>a:0</c>, <c>a:1</c>; null keeps its key with a null value. Keys compare case-insensitively.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ToConfigurationData() => ConfigurationFlattener.Flatten(Value);
}
