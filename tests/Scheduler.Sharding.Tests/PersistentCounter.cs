using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Persistence;

namespace Scheduler.Sharding.Tests;

/// <summary>An entity that keeps its total in the journal: each addition is an event, acknowledged once stored.</summary>
public sealed class PersistentCounter : ReceivePersistentActor
{
    private readonly IActorRef? _reporter;
    private int _total;

    public PersistentCounter(string id, IActorRef? reporter)
    {
        PersistenceId = "counter-" + id;
        _reporter = reporter;
        Recover<Added>(added => _total += added.Amount);
        Command<Counter.Add>(add => Persist(new Added(add.Amount), added =>
        {
            _total += added.Amount;
            Sender.Tell(new Stored(PersistenceId, LastSequenceNr, _total), Self);
        }));
        Command<Counter.Get>(_ => Sender.Tell(new Counter.Total(id, _total), Self));
    }

    public override string PersistenceId { get; }

    public static Props Props(string id, IActorRef? reporter) => Scheduler.Actors.Props.Create(() => new PersistentCounter(id, reporter));

    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Added>("test.persistent-counter.added");
        registry.Register<Stored>("test.persistent-counter.stored");
    }

    protected override void PostStop() => _reporter?.Tell(new Counter.Stopped(PersistenceId, 0, _total), Self);

    public sealed record Added(int Amount);

    public sealed record Stored(string PersistenceId, long SequenceNr, int Total);
}
