namespace Scheduler.Actors;

/// <summary>The ref of an actor in this process: a thin handle on its cell.</summary>
internal sealed class LocalActorRef(ActorCell cell, ActorPath path) : InternalActorRef
{
    public ActorCell Cell { get; } = cell;

    public override ActorPath Path { get; } = path;

    public override ActorSystem System => Cell.System;

    public override InternalActorRef? Parent => Cell.ParentRef;

    public override bool IsTerminated => Cell.Mailbox.IsClosed;

    public override void Tell(object message, IActorRef? sender) => Cell.Post(message, sender);

    public override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    public override InternalActorRef? GetChild(string name) => Cell.TryGetChild(name);

    public override IEnumerable<InternalActorRef> GetChildren() => Cell.ChildRefs();
}
