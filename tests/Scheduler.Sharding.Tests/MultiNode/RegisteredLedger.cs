using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Cluster.Members;
using Scheduler.Persistence;

namespace Scheduler.Sharding.Tests.MultiNode;

/// <summary>
/// A persistent entity that registers each of its incarnations with the <see cref="GlobalRegistry"/>: once its
/// history is recovered (reporting the total it recovered), and off again, with an acknowledgement, before it stops
/// for a hand-off.
/// </summary>
public sealed class RegisteredLedger : ReceivePersistentActor
{
    private readonly string _id;
    private readonly IActorRef _registry;
    private readonly string _incarnation = Guid.NewGuid().ToString("N");
    private readonly string _node;
    private int _total;

    public RegisteredLedger(string id, IActorRef registry)
    {
        _id = id;
        _registry = registry;
        _node = Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        PersistenceId = "ledger-" + id;
        Recover<PersistentCounter.Added>(added => _total += added.Amount);
        Recover<RecoveryCompleted>(_ =>
        {
            var live = Cluster.Cluster.Get(Context.System).State.Members
                .Where(member => member.Status is not (MemberStatus.Down or MemberStatus.Removed))
                .Select(member => member.Address.ToString())
                .ToList();
            _registry.Tell(new GlobalRegistry.Register(_id, _incarnation, _node, live, _total), Self);
        });
        Command<Counter.Add>(add => Persist(new PersistentCounter.Added(add.Amount), added =>
        {
            _total += added.Amount;
            Sender.Tell(new Counter.Total(_id, _total), Self);
        }));
        Command<Counter.Get>(_ => Sender.Tell(new Counter.Total(_id, _total), Self));
        Command<Leave>(_ => _registry.Tell(new GlobalRegistry.Unregister(_id, _incarnation, _node), Self));
        Command<GlobalRegistry.Unregistered>(_ => Context.Stop(Self));
    }

    public override string PersistenceId { get; }

    public static Props Props(string id, IActorRef registry) => Scheduler.Actors.Props.Create(() => new RegisteredLedger(id, registry));

    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Leave>("test.ledger.leave");
    }

    /// <summary>The hand-off stop message: unregister, then stop.</summary>
    public sealed record Leave
    {
        public static Leave Instance { get; } = new();
    }
}
