using System.Text;

namespace Scheduler.Configuration;

/// <summary>
/// Value concatenation: strings join (keeping the whitespace written between them), arrays append, objects merge.
/// An undefined optional substitution drops out of the concatenation.
/// </summary>
internal sealed partial class Resolver
{
    private HoconValue? ResolveConcatenation(ConcatNode concatenation, SelfReference? context)
    {
        var parts = new List<(HoconNode Node, HoconValue? Value)>();
        foreach (var piece in concatenation.Pieces)
        {
            parts.Add((piece, piece is WhitespaceNode ? null : ResolveItem(piece, context)));
        }

        var values = parts.Where(part => part.Node is not WhitespaceNode && part.Value is not null).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var structured = values.Find(part => part.Value!.Kind is HoconValueKind.Object or HoconValueKind.Array);
        if (structured.Value is not null)
        {
            // Whitespace between objects or arrays means nothing; anything else next to them is an error.
            var kind = structured.Value.Kind;
            var misfit = values.Find(part => part.Value!.Kind != kind);
            if (misfit.Value is not null)
            {
                throw new HoconException(misfit.Node.Position, $"cannot concatenate {Describe(misfit.Value.Kind)} with {Describe(kind)}");
            }

            return kind == HoconValueKind.Object
                ? values.Select(part => part.Value!).Aggregate(MergeObjects)
                : HoconValue.FromElements(values.SelectMany(part => part.Value!.Elements));
        }

        var text = new StringBuilder();
        foreach (var (node, value) in parts)
        {
            if (node is WhitespaceNode space)
            {
                text.Append(space.Text);
            }
            else if (value is not null)
            {
                text.Append(value.Text ?? "null");
            }
        }

        return HoconValue.FromString(text.ToString());
    }

    /// <summary>Merges <paramref name="later"/> over <paramref name="earlier"/>: objects merge key by key, anything else replaces.</summary>
    private static HoconValue MergeObjects(HoconValue earlier, HoconValue later)
    {
        if (earlier.Kind != HoconValueKind.Object || later.Kind != HoconValueKind.Object)
        {
            return later;
        }

        var fields = new OrderedDictionary<string, HoconValue>(earlier.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in later.Fields)
        {
            fields[key] = fields.TryGetValue(key, out var existing) ? MergeObjects(existing, value) : value;
        }

        return HoconValue.FromFields(fields);
    }

    private static string Describe(HoconValueKind kind) => kind switch
    {
        HoconValueKind.Object => "an object",
        HoconValueKind.Array => "an array",
        HoconValueKind.Null => "null",
        HoconValueKind.Number => "a number",
        HoconValueKind.Boolean => "a boolean",
        _ => "a string",
    };
}
