namespace Scheduler.Configuration;

/// <summary>Substitutions: finding a path in the tree (or the environment) while resolving only what lies on the way.</summary>
internal sealed partial class Resolver
{
    private HoconValue? ResolveSubstitution(SubstitutionNode substitution, SelfReference? context)
    {
        var value = context is not null && context.Path.Count > 0 && substitution.Path.StartsWith(context.Path)
            ? Find(context.Path, context.Prior, substitution.Path.Skip(context.Path.Count))
            : Find(HoconPath.Empty, [_root], substitution.Path.Segments);

        if (value is null && _environment(substitution.EnvironmentName) is { } variable)
        {
            value = HoconValue.FromString(variable);
        }

        if (value is null && !substitution.Optional)
        {
            throw new HoconException(
                substitution.Position,
                $"could not resolve substitution {substitution}: '{substitution.Path}' is not in the configuration and no environment variable '{substitution.EnvironmentName}' is set");
        }

        return value;
    }

    /// <summary>The value at <paramref name="segments"/> below the key whose merge stack is <paramref name="stack"/>.</summary>
    private HoconValue? Find(HoconPath path, IReadOnlyList<HoconNode> stack, IEnumerable<string> segments)
    {
        foreach (var segment in segments)
        {
            var child = ChildStack(path, stack, segment);
            if (child is null || child.Count == 0)
            {
                return null;
            }

            path = path.Append(segment);
            stack = child;
        }

        return ResolveStack(path, stack, inherited: null);
    }

    /// <summary>
    /// The merge stack of <paramref name="key"/> inside the value of <paramref name="stack"/>, or null when that value
    /// is not an object. Only the values that can matter are resolved, so that looking up <c>a.x</c> from inside
    /// <c>a.y</c> does not resolve <c>a.y</c> again.
    /// </summary>
    private List<HoconNode>? ChildStack(HoconPath path, IReadOnlyList<HoconNode> stack, string key)
    {
        var collected = new List<HoconNode>();
        var sawObject = false;
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var node = stack[i];
            if (node is ObjectNode obj)
            {
                sawObject = true;
                var history = obj.History(key);
                for (var j = history.Count - 1; j >= 0; j--)
                {
                    collected.Add(history[j]);
                }
            }
            else
            {
                var value = node is ResolvedNode resolved
                    ? resolved.Value
                    : ResolveItem(node, new SelfReference(path, stack.Take(i).ToArray()));
                if (value is null)
                {
                    continue;
                }

                if (value.Kind != HoconValueKind.Object)
                {
                    if (!sawObject)
                    {
                        return null;
                    }

                    break;
                }

                sawObject = true;
                if (value.Fields.TryGetValue(key, out var field))
                {
                    collected.Add(new ResolvedNode(node.Position, field));
                }
            }

            // A plain non-object value hides everything assigned before it: no need to resolve what lies below.
            if (collected.Count > 0 && collected[^1] is ResolvedNode { Value.Kind: not HoconValueKind.Object })
            {
                break;
            }
        }

        if (!sawObject)
        {
            return null;
        }

        collected.Reverse();
        return collected;
    }
}
