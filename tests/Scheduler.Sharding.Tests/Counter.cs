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
    private readonly bool _leaveAtOnce;
    private readonly long _incarnation = Interlocked.Increment(ref s_incarnations);
    private int _total;

    public Counter(string id, IActorRef? reporter, bool leaveAtOnce = false)
    {
        _id = id;
        _reporter = reporter;
        _leaveAtOnce = leaveAtOnce;
        Receive<Add>(add =>
        {
            _total += add.Amount;
            _reporter?.Tell(new Seen(_id, _incarnation, add.Amount), Self);
        });
        Receive<Get>(_ => Sender.Tell(new Total(_id, _total), Self));
        Receive<PassivateMe>(_ => Context.Parent.Tell(new Passivate(Stop.Instance), Self));
        Receive<Stop>(_ => Context.Stop(Self));
        Receive<PassivateAndHold>(_ => Context.Parent.Tell(new Passivate(HeldStop.Instance), Self));
        Receive<HeldStop>(_ =>
        {
            // The shard sent the stop message, so it is passivating this entity and holds what arrives for it;
            // staying alive until released lets a spec send messages into that window for certain.
            _reporter?.Tell(new StopHeld(_id, _incarnation), Self);
            Become(() =>
            {
                Receive<Release>(_ => Context.Stop(Self));
                Receive<ReleaseAndRestart>(_ =>
                {
                    // As an engine entity does when something changed after it asked to passivate.
                    Context.Parent.Tell(new Scheduler.Sharding.Extraction.StartEntity(_id), ActorRefs.NoSender);
                    Context.Stop(Self);
                });
            });
        });
    }

    public static Props Props(string id, IActorRef? reporter) => Scheduler.Actors.Props.Create(() => new Counter(id, reporter, false));

    /// <summary>A counter that asks to passivate (and holds the stop, see <see cref="PassivateAndHold"/>) as it starts.</summary>
    public static Props LeavingAtOnce(string id, IActorRef? reporter) => Scheduler.Actors.Props.Create(() => new Counter(id, reporter, true));

    protected override void PreStart()
    {
        _reporter?.Tell(new Started(_id, _incarnation, TimeProvider.System.GetTimestamp()), Self);
        if (_leaveAtOnce)
        {
            Context.Parent.Tell(new Passivate(HeldStop.Instance), Self);
        }
    }

    protected override void PostStop() => _reporter?.Tell(new Stopped(_id, _incarnation, _total), Self);

    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Add>("test.counter.add");
        registry.Register<Get>("test.counter.get");
        registry.Register<Total>("test.counter.total");
        registry.Register<PassivateMe>("test.counter.passivate-me");
        registry.Register<Stop>("test.counter.stop");
        registry.Register<PassivateAndHold>("test.counter.passivate-and-hold");
        registry.Register<HeldStop>("test.counter.held-stop");
        registry.Register<StopHeld>("test.counter.stop-held");
        registry.Register<Release>("test.counter.release");
        registry.Register<ReleaseAndRestart>("test.counter.release-and-restart");
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

    /// <summary>Asks to be passivated, then waits for <see cref="Release"/> after the shard's stop message.</summary>
    public sealed record PassivateAndHold
    {
        public static PassivateAndHold Instance { get; } = new();
    }

    public sealed record HeldStop
    {
        public static HeldStop Instance { get; } = new();
    }

    public sealed record StopHeld(string Id, long Incarnation);

    public sealed record Release
    {
        public static Release Instance { get; } = new();
    }

    /// <summary>Once held: asks its shard to start it again, without a sender, and stops.</summary>
    public sealed record ReleaseAndRestart
    {
        public static ReleaseAndRestart Instance { get; } = new();
    }

    public sealed record Seen(string Id, long Incarnation, int Amount);

    /// <summary>An incarnation started; <paramref name="At"/> is the system clock's timestamp taken in PreStart, not when a spec reads the message.</summary>
    public sealed record Started(string Id, long Incarnation, long At);

    public sealed record Stopped(string Id, long Incarnation, int Total);
}
