using Scheduler.Actors;
using Scheduler.Bench.Measurement;

namespace Scheduler.Bench.Suites.Sharding;

/// <summary>An entity that answers each <see cref="Ping"/>; with a counter it also reports its first message, for the spawn figure.</summary>
internal sealed class EchoEntity : UntypedActor
{
    private CompletionCounter? _firstMessage;

    public EchoEntity(CompletionCounter? firstMessage) => _firstMessage = firstMessage;

    public static Props Props(CompletionCounter? firstMessage) => Actors.Props.Create(() => new EchoEntity(firstMessage));

    protected override void OnReceive(object message)
    {
        if (message is not Ping)
        {
            Unhandled(message);
            return;
        }

        if (_firstMessage is { } counter)
        {
            counter.Signal();
            _firstMessage = null;
        }

        Sender.Tell(Pong.Instance, Self);
    }
}
