using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Configuration;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Remote.Tests.Messaging;

/// <summary>
/// A kit whose system has remoting on a free loopback port, plus helpers to start further systems in this process
/// that talk to it over real sockets. Each extra system shares the kit's log, so its lines can be expected too.
/// </summary>
public abstract class RemoteSpecBase : TestKit.TestKit
{
    /// <summary>Fast death-watch settings, so a dead node is noticed within about a second.</summary>
    protected const string FastWatch = WatchTimings.Fast;

    private readonly List<ActorSystem> _others = [];

    protected RemoteSpecBase(ITestOutputHelper output, string? hocon = null)
        : base(output, new TestKitOptions
        {
            Hocon = "scheduler.remote.port = 0\n" + (hocon ?? string.Empty),
            Setup = static setup => setup.WithRemoting(),
            Serialization = RegisterMessages,
        })
    {
    }

    /// <summary>The kit's node's address.</summary>
    protected Address SysAddress => Remoting.Get(Sys).Address;

    /// <summary>The messages these specs send.</summary>
    protected static void RegisterMessages(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Ping>("spec.ping");
        registry.Register<Pong>("spec.pong");
        registry.Register<Carry>("spec.carry");
        registry.Register<Fail>("spec.fail");
    }

    /// <summary>Starts another node in this process.</summary>
    protected ActorSystem StartNode(string name, string? hocon = null, Action<SerializationRegistry>? serialization = null, Func<ActorSystemSetup, ActorSystemSetup>? setup = null)
    {
        var configuration = new ConfigurationBuilder().AddHoconString("scheduler.remote.port = 0\n" + (hocon ?? string.Empty), "node configuration").Build();
        var baseSetup = new ActorSystemSetup
        {
            Configuration = configuration,
            LoggerFactory = LoggerFactory,
            Serialization = serialization ?? RegisterMessages,
        };
        var system = ActorSystem.Create(name, (setup ?? (static s => s.WithRemoting()))(baseSetup));
        _others.Add(system);
        return system;
    }

    /// <summary>
    /// Starts a responder on <paramref name="node"/>, watches it from the test actor and completes one round trip,
    /// so the watch has reached the other node before the test goes on.
    /// </summary>
    protected IActorRef WatchedResponder(ActorSystem node, string name = "responder")
    {
        ArgumentNullException.ThrowIfNull(node);
        var remote = Sys.ResolveActorRef(PathOf(node.ActorOf(Props.Create<Responder>(), name)));
        Watch(remote);
        remote.Tell(new Ping("alive?"), TestActor);

        // The first message to a node also opens the connection, which on a loaded machine takes a while.
        ExpectMsg<Pong>(TimeSpan.FromSeconds(10));
        return remote;
    }

    /// <summary>The path of <paramref name="actor"/> as another node sees it.</summary>
    protected static string PathOf(IActorRef actor) => actor.Path.ToSerializationFormat();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var system in _others)
            {
                system.Terminate().Wait(TimeSpan.FromSeconds(10));
            }
        }

        base.Dispose(disposing);
    }

    public sealed record Ping(string Text);

    public sealed record Pong(string Text, string Node);

    /// <summary>Carries a ref inside a message.</summary>
    public sealed record Carry(string Text, IActorRef ReplyTo);

    /// <summary>Asks the receiver to answer with a failure.</summary>
    public sealed record Fail(string Reason);

    /// <summary>Answers Ping with Pong naming its node, Carry by telling ReplyTo, Fail with Status.Failure.</summary>
    protected sealed class Responder : ReceiveActor
    {
        public Responder()
        {
            Receive<Ping>(ping => Sender.Tell(new Pong(ping.Text, Context.System.Name), Self));
            Receive<Carry>(carry => carry.ReplyTo.Tell(new Pong(carry.Text, Context.System.Name), Self));
            Receive<Fail>(fail => Sender.Tell(new Status.Failure(new InvalidOperationException(fail.Reason)), Self));
            Receive<string>(text => Sender.Tell(text, Self));
        }
    }

    /// <summary>Forwards everything to a target, keeping the original sender.</summary>
    protected sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(message => target.Forward(message));
    }
}
