using System.Runtime.CompilerServices;

namespace Scheduler.Configuration;

/// <summary>
/// Turns the parsed tree into values: merges the values assigned to the same key and resolves substitutions
/// against the whole tree.
/// </summary>
/// <remarks>
/// Every key keeps a merge stack, the values assigned to it earliest first. The topmost value wins unless it is
/// an object: then the objects below it, down to the first non-object, merge key by key, and each key's own
/// stack is made of that key's values in those objects. A substitution that names its own field resolves against
/// the stack below its value, which is what gives <c>a = ${a} [x]</c> its meaning. Resolved substitutions and
/// concatenations are cached by node, and a node met again while it is being resolved is a cycle.
/// </remarks>
internal sealed partial class Resolver
{
    private readonly ObjectNode _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconNode, HoconValue?> _resolved = [];
    private readonly List<HoconNode> _inProgress = [];

    private Resolver(ObjectNode root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public static HoconValue Resolve(ObjectNode root, Func<string, string?> environment) =>
        new Resolver(root, environment).ResolveStack(HoconPath.Empty, [root], inherited: null) ?? HoconValue.EmptyObject;

    /// <summary>
    /// Resolves the merge stack of one key. <paramref name="path"/> is the key's path from the root, or null for an
    /// object inside an array or a concatenation, whose values take <paramref name="inherited"/> as their context.
    /// Returns null when nothing is defined (every value was an undefined optional substitution).
    /// </summary>
    private HoconValue? ResolveStack(HoconPath? path, IReadOnlyList<HoconNode> stack, SelfReference? inherited)
    {
        var layers = new List<HoconNode>();
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var node = stack[i];
            if (node is ObjectNode or ResolvedNode { Value.Kind: HoconValueKind.Object })
            {
                layers.Add(node);
                continue;
            }

            var value = ResolveItem(node, path is null ? inherited : new SelfReference(path, stack.Take(i).ToArray()));
            if (value is null)
            {
                continue;
            }

            if (value.Kind == HoconValueKind.Object)
            {
                layers.Add(new ResolvedNode(node.Position, value));
                continue;
            }

            if (layers.Count == 0)
            {
                return value;
            }

            // A non-object below objects is replaced by them, and so is everything under it.
            break;
        }

        if (layers.Count == 0)
        {
            return null;
        }

        layers.Reverse();
        return MergeLayers(path, layers, inherited);
    }

    private HoconValue MergeLayers(HoconPath? path, List<HoconNode> layers, SelfReference? inherited)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var key in KeysOf(layer))
            {
                if (seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var childStack = new List<HoconNode>();
            foreach (var layer in layers)
            {
                AddChildValues(layer, key, childStack);
            }

            if (ResolveStack(path?.Append(key), childStack, inherited) is { } value)
            {
                fields.Add(key, value);
            }
        }

        return HoconValue.FromFields(fields);
    }

    private static IEnumerable<string> KeysOf(HoconNode layer) =>
        layer is ObjectNode obj ? obj.Keys : ((ResolvedNode)layer).Value.Fields.Keys;

    /// <summary>Adds the values <paramref name="layer"/> (an object) gives <paramref name="key"/>, earliest first.</summary>
    private static void AddChildValues(HoconNode layer, string key, List<HoconNode> childStack)
    {
        if (layer is ObjectNode obj)
        {
            childStack.AddRange(obj.History(key));
        }
        else if (((ResolvedNode)layer).Value.Fields.TryGetValue(key, out var value))
        {
            childStack.Add(new ResolvedNode(layer.Position, value));
        }
    }

    /// <summary>Resolves one value on its own (not as part of a merge). Null means undefined.</summary>
    private HoconValue? ResolveItem(HoconNode node, SelfReference? context)
    {
        switch (node)
        {
            case ResolvedNode resolved:
                return resolved.Value;
            case WhitespaceNode space:
                return HoconValue.FromString(space.Text);
        }

        if (_resolved.TryGetValue(node, out var cached))
        {
            return cached;
        }

        if (_inProgress.Contains(node))
        {
            throw Cycle(node);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException(node.Position, "substitutions are nested too deeply to resolve");
        }

        _inProgress.Add(node);
        HoconValue? value;
        try
        {
            value = node switch
            {
                SubstitutionNode substitution => ResolveSubstitution(substitution, context),
                ConcatNode concatenation => ResolveConcatenation(concatenation, context),
                ArrayNode array => HoconValue.FromElements(array.Elements.Select(element => ResolveItem(element, context)).OfType<HoconValue>()),
                ObjectNode obj => ResolveStack(null, [obj], context),
                _ => throw new HoconException(node.Position, $"unexpected {node.GetType().Name} in the parsed tree"),
            };
        }
        finally
        {
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }

        _resolved[node] = value;
        return value;
    }

    private HoconException Cycle(HoconNode node)
    {
        var loop = _inProgress.Skip(_inProgress.IndexOf(node)).OfType<SubstitutionNode>().ToList();
        if (loop.Count == 0)
        {
            return new HoconException(node.Position, "substitution cycle: the value refers to itself");
        }

        var chain = loop.Select(s => $"{s} at {s.Position}").Append(loop[0].ToString());
        return new HoconException(loop[0].Position, $"substitution cycle: {string.Join(" -> ", chain)}");
    }
}
