using System.Collections.Concurrent;

namespace Scheduler.Actors;

internal sealed partial class ActorCell
{
    private ConcurrentDictionary<string, ChildEntry>? _children;
    private volatile bool _stopping;

    /// <summary>A child and what its parent keeps about it.</summary>
    internal sealed class ChildEntry(LocalActorRef child)
    {
        public LocalActorRef Ref { get; } = child;

        /// <summary>Restart counts for "N retries within a window"; created on the first restart.</summary>
        public RestartStatistics? Statistics { get; set; }

        /// <summary>The parent asked it to stop; its name stays taken until it has.</summary>
        public bool IsStopping { get; set; }

        public void Restart(Exception cause) => Ref.SendSystemMessage(new SystemMessage.Recreate(cause));

        public void Resume() => Ref.SendSystemMessage(new SystemMessage.Resume());

        public void Stop()
        {
            IsStopping = true;
            Ref.Stop();
        }
    }

    public IEnumerable<IActorRef> GetChildren()
    {
        var children = _children;
        if (children is null)
        {
            return [];
        }

        return children.Values.Where(static entry => !entry.IsStopping).Select(static entry => (IActorRef)entry.Ref).ToArray();
    }

    public IActorRef? Child(string name) =>
        _children is { } children && children.TryGetValue(name, out var entry) && !entry.IsStopping ? entry.Ref : null;

    public InternalActorRef? TryGetChild(string name) =>
        _children is { } children && children.TryGetValue(name, out var entry) ? entry.Ref
        : VirtualChildren?.GetValueOrDefault(name);

    /// <summary>Refs that are not actors but live under this path (the root's /temp and /deadLetters).</summary>
    public Dictionary<string, InternalActorRef>? VirtualChildren { get; set; }

    public ActorSelection ActorSelection(string path) => _system.Select(path, SelfRef);

    public IEnumerable<InternalActorRef> ChildRefs() =>
        _children is { } children ? children.Values.Select(static entry => (InternalActorRef)entry.Ref).ToArray() : [];

    internal ICollection<ChildEntry> ChildEntries => _children is { } children ? children.Values : [];

    internal ChildEntry? FindChild(IActorRef child) =>
        _children is { } children && children.TryGetValue(child.Path.Name, out var entry) && entry.Ref.Equals(child) ? entry : null;

    public IActorRef ActorOf(Props props, string? name = null) => NewChild(props, name, validateName: true);

    /// <summary>Creates a child; the system uses this for its own actors, whose names may be reserved ones.</summary>
    internal LocalActorRef NewChild(Props props, string? name, bool validateName)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null)
        {
            name = ActorName.Generate(_system.NextChildNameCounter());
        }
        else if (validateName)
        {
            ActorName.Validate(name);
        }

        var children = _children ?? InitChildren();
        var path = SelfRef.Path.Child(name, _system.NextUid());
        var cell = _system.CreateCell(props, SelfRef, path);
        var entry = new ChildEntry(cell.SelfRef);
        if (!children.TryAdd(name, entry))
        {
            throw new InvalidActorNameException(
                $"Actor name '{name}' is not unique: {SelfRef.Path} already has a child with that name (names stay taken until the child has stopped).");
        }

        cell.Mailbox.PostSystem(new SystemMessage.Create());
        if (_stopping)
        {
            // This actor began to stop while the child was being added; it must not outlive its parent.
            entry.IsStopping = true;
            cell.SelfRef.Stop();
        }

        return cell.SelfRef;
    }

    private ConcurrentDictionary<string, ChildEntry> InitChildren()
    {
        Interlocked.CompareExchange(ref _children, new ConcurrentDictionary<string, ChildEntry>(StringComparer.Ordinal), null);
        return _children!;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (FindChild(actor) is { } entry)
        {
            entry.IsStopping = true;
        }

        if (actor is InternalActorRef internalRef)
        {
            internalRef.Stop();
        }
    }

    private bool HasStoppingChildren => _children is { } children && children.Values.Any(static entry => entry.IsStopping);

    private bool HasChildren => _children is { IsEmpty: false };

    private void StopAllChildren()
    {
        foreach (var entry in ChildEntries)
        {
            entry.Stop();
        }
    }

    private void HandleChildTerminated(InternalActorRef child)
    {
        if (_children is { } children &&
            children.TryGetValue(child.Path.Name, out var entry) &&
            entry.Ref.Equals(child))
        {
            children.TryRemove(new KeyValuePair<string, ChildEntry>(child.Path.Name, entry));
        }

        if (Mailbox.IsTerminating)
        {
            if (!HasChildren)
            {
                FinishTerminate();
            }
        }
        else if (_pendingRecreate is { } cause && !HasStoppingChildren)
        {
            FinishRecreate(cause);
        }
    }
}
