namespace Scheduler.Actors;

/// <summary>
/// What the runtime needs of a ref beyond <see cref="IActorRef"/>: system messages, a parent, and children for
/// path lookups. Every ref the runtime makes derives from it; users only ever see <see cref="IActorRef"/>.
/// </summary>
internal abstract class InternalActorRef : IActorRef
{
    public abstract ActorPath Path { get; }

    public abstract ActorSystem System { get; }

    /// <summary>The supervisor, or null for the refs that have none (root supervisor, dead letters, temporary refs).</summary>
    public abstract InternalActorRef? Parent { get; }

    /// <summary>True once the actor has stopped for good (a best-effort answer for local refs).</summary>
    public virtual bool IsTerminated => false;

    public abstract void Tell(object message, IActorRef? sender);

    /// <summary>True for a ref to an actor of another system.</summary>
    public virtual bool IsRemote => false;

    /// <summary>Sends <paramref name="message"/> to whoever matches <paramref name="elements"/> below this (remote) ref.</summary>
    public virtual void SendSelection(IReadOnlyList<string> elements, object message, IActorRef? sender) =>
        throw new NotSupportedException($"{Path} is not a remote ref; selections below it are resolved locally.");

    public abstract void SendSystemMessage(SystemMessage message);

    /// <summary>Looks up a direct child by name, for actor selection.</summary>
    public virtual InternalActorRef? GetChild(string name) => null;

    /// <summary>The children's refs, for actor selection with wildcards.</summary>
    public virtual IEnumerable<InternalActorRef> GetChildren() => [];

    public void Stop() => SendSystemMessage(new SystemMessage.Terminate());

    public bool Equals(IActorRef? other) =>
        other is not null && Path.Uid == other.Path.Uid && Path.Equals(other.Path);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Path.GetHashCode(), Path.Uid);

    public int CompareTo(IActorRef? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byPath = Path.CompareTo(other.Path);
        return byPath != 0 ? byPath : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => $"[{Path.ToSerializationFormat()}]";
}
