using System.Collections.Concurrent;

namespace Scheduler.Actors;

internal sealed partial class ActorCell
{
    private ConcurrentDictionary<string, ChildEntry>? _children;
    private volatile bool _stopping;
    private int _stoppingChildren;

    /// <summary>A child and what its parent keeps about it.</summary>
    internal sealed class ChildEntry(LocalActorRef child)
    {
        public LocalActorRef Ref { get; } = child;

        /// <summary>Restart counts for "N retries within a window"; created on the first restart.</summary>
        public RestartStatistics? Statistics { get; set; }

        private int _stopping;

        /// <summary>The parent asked it to stop; its name stays taken until it has.</summary>
        public bool IsStopping => Volatile.Read(ref _stopping) != 0;

        /// <summary>
        /// Restarts the child. A healthy child (an all-for-one sibling) is suspended first, so the old instance
        /// handles nothing more; the restart undoes that suspension as it undoes a failure's.
        /// </summary>
        public void Restart(Exception cause, bool suspendFirst)
        {
            if (suspendFirst)
            {
                Ref.SendSystemMessage(new SystemMessage.Suspend());
            }

            Ref.SendSystemMessage(new SystemMessage.Recreate(cause));
        }

        /// <summary>Answers the child's failure with Resume.</summary>
        public void Resume(Exception cause) => Ref.SendSystemMessage(new SystemMessage.Resume(cause));

        public void Stop(ActorCell parent)
        {
            if (Interlocked.Exchange(ref _stopping, 1) == 0)
            {
                Interlocked.Increment(ref parent._stoppingChildren);
            }

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

        Thread.MemoryBarrier(); // pairs with Terminate: either it sees this child or this thread sees _stopping.
        if (_stopping)
        {
            // Stop the child before it is ever constructed; it still reports ChildTerminated, which frees the name.
            entry.Stop(this);
            throw new InvalidOperationException($"{SelfRef.Path} is stopping and takes no new child '{name}'.");
        }

        cell.Mailbox.PostSystem(new SystemMessage.Create());
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
            entry.Stop(this);
        }
        else if (actor is InternalActorRef internalRef)
        {
            internalRef.Stop();
        }
    }

    private bool HasStoppingChildren => Volatile.Read(ref _stoppingChildren) > 0;

    private bool HasChildren => _children is { IsEmpty: false };

    private void StopAllChildren()
    {
        foreach (var entry in ChildEntries)
        {
            entry.Stop(this);
        }
    }

    private void HandleChildTerminated(InternalActorRef child)
    {
        if (_children is { } children &&
            children.TryGetValue(child.Path.Name, out var entry) &&
            entry.Ref.Equals(child))
        {
            if (children.TryRemove(new KeyValuePair<string, ChildEntry>(child.Path.Name, entry)) && entry.IsStopping)
            {
                Interlocked.Decrement(ref _stoppingChildren);
            }
        }

        if (Mailbox.IsTerminating)
        {
            if (!HasChildren)
            {
                FinishTerminate();
            }
        }
        else if (PendingRecreate is { } cause && !HasStoppingChildren)
        {
            FinishRecreate(cause);
        }
    }
}
