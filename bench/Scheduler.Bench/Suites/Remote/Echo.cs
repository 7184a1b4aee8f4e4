using Scheduler.Actors;

namespace Scheduler.Bench.Suites.Remote;

/// <summary>The peer's side of a pair: tells every volley straight back.</summary>
internal sealed class Echo : UntypedActor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}
