using Scheduler.Actors;

namespace Scheduler.Actors.Tests;

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class EchoActor : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}

/// <summary>Handles strings only; everything else is unhandled.</summary>
internal sealed class OnlyStringsActor : ReceiveActor
{
    public OnlyStringsActor() => Receive<string>(s => Sender.Tell(s, Self));
}

/// <summary>Forwards everything to a target.</summary>
internal sealed class ForwardingActor : ReceiveActor
{
    public ForwardingActor(IActorRef target) => ReceiveAny(message => target.Forward(message));
}

/// <summary>Creates, finds and stops children on request.</summary>
internal sealed class ParentActor : ReceiveActor
{
    public ParentActor(IActorRef probe)
    {
        Receive<Spawn>(spawn => Sender.Tell(Context.ActorOf(spawn.Props ?? Props.Create<EchoActor>(), spawn.Name), Self));
        Receive<Find>(find => Sender.Tell(new Found(Context.Child(find.Name)), Self));
        Receive<StopChild>(stop =>
        {
            if (Context.Child(stop.Name) is { } child)
            {
                Context.Stop(child);
            }
        });
        _ = probe;
    }

    public sealed record Spawn(string? Name, Props? Props = null);

    public sealed record Find(string Name);

    public sealed record Found(IActorRef? Child);

    public sealed record StopChild(string Name);
}
