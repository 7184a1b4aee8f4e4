using Scheduler.Actors;

namespace Scheduler.Remote.Tests.MultiNode;

/// <summary>Answers every string with the same string: enough to prove a path is alive across processes.</summary>
public sealed class Echo : ReceiveActor
{
    public Echo() => Receive<string>(text => Sender.Tell(text, Self));
}
