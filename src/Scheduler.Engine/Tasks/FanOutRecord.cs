using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Scheduler.Engine.Model;

namespace Scheduler.Engine.Tasks;

/// <summary>
/// The children a parent's attempt fanned out and how many of them have ended. The parent submits every child that
/// has not ended, and finishes (or runs its reduce attempt) once all have.
/// </summary>
public sealed record FanOutRecord
{
    /// <summary>The attempt that fanned the children out.</summary>
    public required int Attempt { get; init; }

    private readonly IReadOnlyList<TaskSpec> _children = [];
    private FrozenSet<string>? _ids;

    /// <summary>The children, in the order the attempt gave them, with their ids and parent filled in.</summary>
    public required IReadOnlyList<TaskSpec> Children
    {
        get => _children;
        init
        {
            _children = value;
            _ids = null;
        }
    }

    /// <summary>True when the parent runs once more, with the children's results, after they have all succeeded.</summary>
    public required bool Reduce { get; init; }

    /// <summary>The children that have ended, by id.</summary>
    public ImmutableDictionary<string, ChildResult> Ended { get; init; } = ImmutableDictionary.Create<string, ChildResult>(StringComparer.Ordinal);

    /// <summary>True once every child has answered the parent's submit (stored, so a restarted parent does not submit again).</summary>
    public bool SubmitsAnswered { get; init; }

    /// <summary>True once every child that had not ended has answered the parent's cancel (stored likewise).</summary>
    public bool CancelsAnswered { get; init; }

    /// <summary>The bytes of JSON of the results collected so far.</summary>
    public long CollectedBytes { get; init; }

    /// <summary>True when every child has ended.</summary>
    public bool AllEnded => Ended.Count == Children.Count;

    /// <summary>The children that have not ended yet.</summary>
    public IEnumerable<TaskSpec> Pending => Children.Where(child => !Ended.ContainsKey(child.Id!));

    /// <summary>True when <paramref name="childId"/> is one of the children and has not ended yet.</summary>
    public bool Waits(string childId) => !Ended.ContainsKey(childId) && Ids.Contains(childId);

    // Built once per record (a copy with other children builds its own): a parent looks up every child's answer.
    private FrozenSet<string> Ids => _ids ??= Children.Select(child => child.Id!).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The ends of the children that have ended, in the children's order.</summary>
    public IReadOnlyList<ChildResult> Results => [.. Children.Select(child => Ended.GetValueOrDefault(child.Id!)).OfType<ChildResult>()];

    /// <summary>The record with <paramref name="child"/>'s end added.</summary>
    public FanOutRecord With(ChildResult child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return this with { Ended = Ended.SetItem(child.TaskId, child), CollectedBytes = CollectedBytes + JsonSize.Of(child.Result) };
    }

    /// <summary>Equal by content, so that states folded from the same events are equal (the children's specs and results compare as themselves).</summary>
    public bool Equals(FanOutRecord? other) =>
        other is not null
        && Attempt == other.Attempt
        && Reduce == other.Reduce
        && SubmitsAnswered == other.SubmitsAnswered
        && CancelsAnswered == other.CancelsAnswered
        && Children.SequenceEqual(other.Children)
        && Ended.Count == other.Ended.Count
        && Ended.All(pair => other.Ended.TryGetValue(pair.Key, out var end) && end.Equals(pair.Value));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Attempt, Reduce, Children.Count, Ended.Count);

    /// <summary>The parent's result when it has no reduce attempt: a JSON object of each child's result by its key (its id without <c>parent:</c>).</summary>
    public JsonElement Collected()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var spec in Children)
            {
                if (Ended.GetValueOrDefault(spec.Id!) is not { } child)
                {
                    continue;
                }

                // Every child's id is its parent's, a colon and its key.
                writer.WritePropertyName(spec.Id![(spec.ParentId!.Length + 1)..]);
                if (child.Result is { ValueKind: not JsonValueKind.Undefined } result)
                {
                    result.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
