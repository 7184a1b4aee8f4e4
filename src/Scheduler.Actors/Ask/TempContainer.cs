using System.Collections.Concurrent;

namespace Scheduler.Actors;

/// <summary>The <c>/temp</c> node: holds the short-lived refs of pending asks, so they have a path and can be found.</summary>
internal sealed class TempContainer(ActorSystem system, ActorPath path, InternalActorRef parent) : InternalActorRef
{
    private readonly ConcurrentDictionary<string, InternalActorRef> _refs = new(StringComparer.Ordinal);
    private long _counter;

    public override ActorPath Path { get; } = path;

    public override ActorSystem System { get; } = system;

    public override InternalActorRef? Parent { get; } = parent;

    public ActorPath NextPath() => Path.Child(ActorName.Generate(Interlocked.Increment(ref _counter)), System.NextUid());

    public void Add(InternalActorRef actor) => _refs[actor.Path.Name] = actor;

    public void Remove(string name) => _refs.TryRemove(name, out _);

    /// <summary>How many asks are still waiting (test probes also live here but are not counted).</summary>
    public int PendingAsks => _refs.Values.Count(static r => r is PromiseActorRef);

    /// <summary>Fails every pending ask: once the system has stopped, no reply and no timeout will ever come.</summary>
    public void FailAll(string reason)
    {
        foreach (var pending in _refs.Values)
        {
            (pending as PromiseActorRef)?.Fail(new AskTimeoutException(reason));
        }
    }

    public override void Tell(object message, IActorRef? sender) => System.DeadLetters.Tell(message, sender);

    public override void SendSystemMessage(SystemMessage message) { }

    public override InternalActorRef? GetChild(string name) => _refs.TryGetValue(name, out var actor) ? actor : null;

    public override IEnumerable<InternalActorRef> GetChildren() => _refs.Values.ToArray();
}
