using Scheduler.Actors;
using Scheduler.Actors.Serialization;
using Scheduler.Persistence;

namespace Scheduler.Sharding.Shards;

/// <summary>
/// Which entities of one shard should be running, kept in the journal under <c>/sharding/{type}Shard/{shard}</c>. A
/// child of its shard: after recovery it tells the shard which entities to start, and it stores each change the
/// shard asks for before confirming it. Two incarnations of one shard cannot both write: the journal's unique
/// sequence numbers refuse the stale one, which then stops, and its shard with it.
/// </summary>
internal sealed class RememberEntitiesStore : ReceivePersistentActor
{
    private readonly int _snapshotAfter;
    // Mutable, and never handed out: at a thousand starts and stops a second, an immutable set's copies were garbage.
    private readonly HashSet<string> _entities = new(StringComparer.Ordinal);
    private int _sinceSnapshot;

    public RememberEntitiesStore(string typeName, string shardId, int snapshotAfter)
    {
        PersistenceId = $"/sharding/{typeName}Shard/{shardId}";
        _snapshotAfter = snapshotAfter;
        Recover<SnapshotOffer>(offer =>
        {
            _entities.Clear();
            _entities.UnionWith(((Snapshot)offer.Snapshot).Entities);
        });
        Recover<Started>(started => _entities.UnionWith(started.Entities));
        Recover<Stopped>(stopped => _entities.ExceptWith(stopped.Entities));
        Recover<RecoveryCompleted>(_ => Context.Parent.Tell(new Remembered(new HashSet<string>(_entities, StringComparer.Ordinal)), Self));
        Command<Update>(OnUpdate);
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    // An update the journal refused would never be confirmed, and the shard sends the next only after: the store
    // stops instead, and its shard with it (as on a failed write), to start afresh.
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self);
    }

    public static Props Props(string typeName, string shardId, int snapshotAfter) =>
        Actors.Props.Create(() => new RememberEntitiesStore(typeName, shardId, snapshotAfter));

    /// <summary>Registers the stored events and snapshot.</summary>
    public static void RegisterAll(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Started>("sharding.remember.started");
        registry.Register<Stopped>("sharding.remember.stopped");
        registry.Register<Snapshot>("sharding.remember.snapshot");
    }

    private void OnUpdate(Update update)
    {
        var replyTo = Sender;
        var events = new List<object>(2);
        if (update.Started.Count > 0)
        {
            events.Add(new Started([.. update.Started]));
        }

        if (update.Stopped.Count > 0)
        {
            events.Add(new Stopped([.. update.Stopped]));
        }

        if (events.Count == 0)
        {
            replyTo.Tell(new Updated(update.Started, update.Stopped), Self);
            return;
        }

        var applied = 0;
        PersistAll(events, @event =>
        {
            switch (@event)
            {
                case Started started:
                    _entities.UnionWith(started.Entities);
                    break;
                case Stopped stopped:
                    _entities.ExceptWith(stopped.Entities);
                    break;
            }

            if (++applied < events.Count)
            {
                return;
            }

            replyTo.Tell(new Updated(update.Started, update.Stopped), Self);
            if (++_sinceSnapshot >= _snapshotAfter)
            {
                _sinceSnapshot = 0;
                SaveSnapshot(new Snapshot([.. _entities]));
            }
        });
    }

    /// <summary>The entities that should run, sent to the shard once recovered.</summary>
    public sealed record Remembered(IReadOnlySet<string> Entities);

    /// <summary>The shard asks to store that these entities started and these stopped.</summary>
    public sealed record Update(IReadOnlySet<string> Started, IReadOnlySet<string> Stopped);

    /// <summary>The update is stored.</summary>
    public sealed record Updated(IReadOnlySet<string> Started, IReadOnlySet<string> Stopped);

    /// <summary>Stored: these entities started.</summary>
    public sealed record Started(IReadOnlyList<string> Entities);

    /// <summary>Stored: these entities stopped (passivated).</summary>
    public sealed record Stopped(IReadOnlyList<string> Entities);

    /// <summary>Stored: every entity that should run.</summary>
    public sealed record Snapshot(IReadOnlyList<string> Entities);
}
