using Scheduler.Actors;

namespace Scheduler.Bench.Suites.Kernel;

/// <summary>
/// The parent of the spawned actors: it creates them as its children and sends each one message, from inside the
/// actor, which is how an application grows its entities. It completes <paramref name="stopped"/> in PostStop,
/// which runs only once every child has stopped.
/// </summary>
internal sealed class Spawner(TaskCompletionSource stopped) : UntypedActor
{
    private static readonly Props ChildProps = Props.Create<IdleActor>();

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is not SpawnChildren spawn)
        {
            Unhandled(message);
            return;
        }

        for (var i = 0; i < spawn.Count; i++)
        {
            var child = Context.ActorOf(ChildProps);
            if (spawn.Keep is { } keep)
            {
                keep[i] = child;
            }

            child.Tell(spawn.Greeting, Self);
        }
    }

    /// <inheritdoc />
    protected override void PostStop() => stopped.TrySetResult();

    /// <summary>Creates <paramref name="Count"/> children and sends each <paramref name="Greeting"/>.</summary>
    /// <param name="Count">How many children.</param>
    /// <param name="Greeting">The one message every child gets.</param>
    /// <param name="Keep">When given, receives the children's refs (at least <paramref name="Count"/> slots).</param>
    public sealed record SpawnChildren(int Count, object Greeting, IActorRef[]? Keep);
}
