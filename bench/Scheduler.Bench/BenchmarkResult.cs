using System.Globalization;
using System.Text;

namespace Scheduler.Bench;

/// <summary>
/// A suite's figures, in the order they were added, formatted in the invariant culture so that the <c>RESULT</c>
/// line reads the same on every machine: rates, counts and bytes as integers, ratios and milliseconds with two decimals.
/// </summary>
internal sealed class BenchmarkResult
{
    private readonly List<KeyValuePair<string, string>> _values = [];

    /// <summary>The figures as key and formatted value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values => _values;

    /// <summary>Adds a whole number (a rate per second, a count, a size in bytes).</summary>
    public BenchmarkResult Add(string key, long value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a word (which database, which mode): lower-case letters and digits.</summary>
    public BenchmarkResult AddWord(string key, string value) =>
        value.Length > 0 && value.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            ? Set(key, value)
            : throw new ArgumentException($"Result value '{value}' of '{key}' must be lower-case ASCII letters and digits.", nameof(value));

    /// <summary>Adds a ratio with two decimals.</summary>
    public BenchmarkResult AddRatio(string key, double value) =>
        Set(key, double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "nan");

    /// <summary>Adds a duration in milliseconds with two decimals, so that latencies under a millisecond stay visible.</summary>
    public BenchmarkResult AddMilliseconds(string key, double value) => AddRatio(key, value);

    /// <summary>The line that ends a run: <c>RESULT suite=name key=value ...</c>.</summary>
    public string ToResultLine(string suite)
    {
        var line = new StringBuilder("RESULT suite=").Append(suite);
        foreach (var (key, value) in _values)
        {
            line.Append(' ').Append(key).Append('=').Append(value);
        }

        return line.ToString();
    }

    private BenchmarkResult Set(string key, string value)
    {
        // Keys end up in a line that scripts split on spaces and '='; keep them to one plain token.
        if (string.IsNullOrEmpty(key) || !key.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Result key '{key}' must be lower-case ASCII letters, digits and '_'.", nameof(key));
        }

        if (_values.Exists(pair => string.Equals(pair.Key, key, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Result key '{key}' was already added.", nameof(key));
        }

        _values.Add(new(key, value));
        return this;
    }
}
