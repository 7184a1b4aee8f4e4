using Scheduler.Actors;
using Scheduler.Actors.Serialization;

namespace Scheduler.Sharding.Tests.MultiNode;

/// <summary>
/// Every incarnation of every entity registers here when it starts and unregisters before it stops, in the spirit
/// of Akka's split-brain integration spec, and the registry reports any moment an entity was alive twice.
/// </summary>
/// <remarks>
/// The verdicts rest on causality, never on which message happened to arrive first:
/// <list type="bullet">
/// <item>An incarnation stopped by a hand-off waits for <see cref="Unregistered"/> before it stops, so its
/// unregistration is recorded before its shard can move and its successor register.</item>
/// <item>An incarnation whose node was killed cannot unregister. Its successor's registration carries the members
/// its own node still counted as alive when it started; the killed node must not be among them. Sharding may start
/// the successor only after the coordinator saw the dead node removed, which the leader does only once every member
/// has seen it Down, so a correct run always passes, and a run that started the successor while the old node was
/// merely unreachable is caught.</item>
/// </list>
/// </remarks>
public sealed class GlobalRegistry : ReceiveActor
{
    public const string Name = "registry";

    private readonly Dictionary<string, Register> _alive = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private int _registrations;

    public GlobalRegistry()
    {
        Receive<Register>(OnRegister);
        Receive<Unregister>(unregister =>
        {
            if (_alive.TryGetValue(unregister.EntityId, out var current) && string.Equals(current.Incarnation, unregister.Incarnation, StringComparison.Ordinal))
            {
                _alive.Remove(unregister.EntityId);
            }
            else
            {
                // The incarnation unregistering had been replaced while it was alive.
                _violations.Add($"{unregister.EntityId}: incarnation {unregister.Incarnation} on {unregister.Node} stopped after another had taken its place");
            }

            Sender.Tell(new Unregistered(unregister.Incarnation), Self);
        });
        Receive<Query>(_ => Sender.Tell(new Snapshot(_alive.Values.ToList(), [.. _violations], _registrations), Self));
    }

    public static void RegisterManifests(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Register>("test.registry.register");
        registry.Register<Unregister>("test.registry.unregister");
        registry.Register<Unregistered>("test.registry.unregistered");
        registry.Register<Query>("test.registry.query");
        registry.Register<Snapshot>("test.registry.snapshot");
    }

    private void OnRegister(Register register)
    {
        _registrations++;
        if (_alive.TryGetValue(register.EntityId, out var current) && register.LiveMembers.Contains(current.Node, StringComparer.Ordinal))
        {
            _violations.Add($"{register.EntityId}: incarnation {register.Incarnation} started on {register.Node} while {current.Incarnation} on {current.Node}, a live member, was still registered");
        }

        _alive[register.EntityId] = register;
    }

    /// <summary>An incarnation has started; <paramref name="LiveMembers"/> is its node's view of who is not down.</summary>
    public sealed record Register(string EntityId, string Incarnation, string Node, IReadOnlyList<string> LiveMembers, int Total);

    /// <summary>An incarnation is about to stop; it waits for <see cref="Unregistered"/>.</summary>
    public sealed record Unregister(string EntityId, string Incarnation, string Node);

    public sealed record Unregistered(string Incarnation);

    public sealed record Query
    {
        public static Query Instance { get; } = new();
    }

    /// <summary>Who is alive now, what went wrong so far, and how many registrations there were in all.</summary>
    public sealed record Snapshot(IReadOnlyList<Register> Alive, IReadOnlyList<string> Violations, int Registrations);
}
