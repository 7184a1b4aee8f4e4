namespace Scheduler.Actors;

/// <summary>Splits a selection path into where it starts and the elements to walk.</summary>
internal static class SelectionPath
{
    /// <summary>
    /// Full paths (<c>sched://sys/user/a</c>) and absolute ones (<c>/user/a</c>) start at the root; anything else
    /// starts at <paramref name="relativeTo"/>. A full path naming another system starts at that system's root when
    /// remoting is on, and nowhere (null) otherwise.
    /// </summary>
    public static (InternalActorRef? Anchor, string[] Elements) Parse(string path, InternalActorRef root, InternalActorRef relativeTo)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains("://", StringComparison.Ordinal))
        {
            var parsed = ActorPath.Parse(path);
            if (parsed.Address.Equals(root.Path.Address))
            {
                return (root, [.. parsed.Elements]);
            }

            return root.System.Provider is { } remote ? (remote.ResolveRemote(parsed.Root), [.. parsed.Elements]) : (null, []);
        }

        var elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return path.StartsWith('/') ? (root, elements) : (relativeTo, elements);
    }
}
