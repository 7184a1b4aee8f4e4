namespace Scheduler.Configuration;

/// <summary>
/// An object as parsed. Each key keeps every value assigned to it, earliest first, instead of merging them on the
/// spot: merging and self-references (<c>a = ${a} [x]</c>) are decided during resolution, when the whole tree is known.
/// </summary>
internal sealed class ObjectNode(SourcePosition position) : HoconNode(position)
{
    private readonly OrderedDictionary<string, List<HoconNode>> _fields = new(StringComparer.Ordinal);

    public IEnumerable<string> Keys => _fields.Keys;

    public void Add(string key, HoconNode value)
    {
        if (!_fields.TryGetValue(key, out var history))
        {
            history = [];
            _fields.Add(key, history);
        }

        history.Add(value);
    }

    /// <summary>Every value assigned to <paramref name="key"/>, earliest first, or empty.</summary>
    public IReadOnlyList<HoconNode> History(string key) => _fields.TryGetValue(key, out var history) ? history : [];

    /// <summary>Takes in the fields of an included object as if they were written at this point.</summary>
    public void AddAll(ObjectNode other)
    {
        foreach (var (key, history) in other._fields)
        {
            foreach (var value in history)
            {
                Add(key, value);
            }
        }
    }
}
