namespace Scheduler.Cli.Input;

/// <summary>Reads <c>key=value</c> pairs given as <c>--label</c>.</summary>
internal static class Labels
{
    public static KeyValuePair<string, string> Pair(string text, string option)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? new KeyValuePair<string, string>(text[..equals], text[(equals + 1)..])
            : throw new UsageException(option + ": '" + text + "' is not key=value");
    }

    public static Dictionary<string, string> All(IEnumerable<string> texts, string option)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in texts.Select(text => Pair(text, option)))
        {
            if (!labels.TryAdd(key, value))
            {
                throw new UsageException(option + ": the label '" + key + "' is given twice");
            }
        }

        return labels;
    }
}
