using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.Sharding.Tests;

/// <summary>
/// The entity most specs use: it adds numbers, answers with its total, and tells a reporter what it saw, when it
/// started and when it stopped (with its incarnation, so a spec can tell two lives of one entity apart).
/// </summary>
public sealed class Counter : ReceiveActor
{
    private static long s_incarnations;
    private readonly string _id;
    private readonly IActorRef? _reporter;
    private readonly long _incarnation = Interlocked.Increment(ref s_incarnations);
    private int _total;

    public Counter(string id, IActorRef? reporter)
    {
        _id = id;
        _reporter = reporter;
        Receive<Add>(add =>
        {
            _total += add.Amount;
            _reporter?.Tell(new Seen(_id, _incarnation, add.Amount), Self);
        });
        Receive<Get>(_ => Sender.Tell(new Total(_id, _total), Self));
        Receive<PassivateMe>(_ => Context.Parent.Tell(new Passivate(Stop.Instance), Self));
        Receive<Stop>(_ => Context.Stop(Self));
    }

    public static Props Props(string id, IActorRef? reporter) => Scheduler.Actors.Props.Create(() => new Counter(id, reporter));

    protected override void PreStart() => _reporter?.Tell(new Started(_id, _incarnation), Self);

    protected override void PostStop() => _reporter?.Tell(new Stopped(_id, _incarnation, _total), Self);

    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Add>("test.counter.add");
        registry.Register<Get>("test.counter.get");
        registry.Register<Total>("test.counter.total");
        registry.Register<PassivateMe>("test.counter.passivate-me");
        registry.Register<Stop>("test.counter.stop");
        registry.Register<Seen>("test.counter.seen");
        registry.Register<Started>("test.counter.started");
        registry.Register<Stopped>("test.counter.stopped");
    }

    public sealed record Add(int Amount);

    public sealed record Get
    {
        public static Get Instance { get; } = new();
    }

    public sealed record Total(string Id, int Value);

    public sealed record PassivateMe
    {
        public static PassivateMe Instance { get; } = new();
    }

    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }

    public sealed record Seen(string Id, long Incarnation, int Amount);

    public sealed record Started(string Id, long Incarnation);

    public sealed record Stopped(string Id, long Incarnation, int Total);
}
