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
        Recover<Changed>(Apply);
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
        registry.Register<Changed>("sharding.remember.changed");
        registry.Register<Started>("sharding.remember.started");
        registry.Register<Stopped>("sharding.remember.stopped");
        registry.Register<Snapshot>("sharding.remember.snapshot");
    }

    private void OnUpdate(Update update)
    {
        var replyTo = Sender;
        if (update.Started.Count == 0 && update.Stopped.Count == 0)
        {
            replyTo.Tell(new Updated(update.Started, update.Stopped), Self);
            return;
        }

        // One event, so one journal row, however many entities started and stopped.
        Persist(new Changed([.. update.Started], [.. update.Stopped]), changed =>
        {
            Apply(changed);
            replyTo.Tell(new Updated(update.Started, update.Stopped), Self);
            if (++_sinceSnapshot >= _snapshotAfter)
            {
                _sinceSnapshot = 0;
                SaveSnapshot(new Snapshot([.. _entities]));
            }
        });
    }

    // A shard never starts and stops one entity in one update (a stop waiting to be stored is dropped when the entity
    // starts again); starts go first all the same.
    private void Apply(Changed changed)
    {
        _entities.UnionWith(changed.Started);
        _entities.ExceptWith(changed.Stopped);
    }

    /// <summary>The entities that should run, sent to the shard once recovered.</summary>
    public sealed record Remembered(IReadOnlySet<string> Entities);

    /// <summary>The shard asks to store that these entities started and these stopped.</summary>
    public sealed record Update(IReadOnlySet<string> Started, IReadOnlySet<string> Stopped);

    /// <summary>The update is stored.</summary>
    public sealed record Updated(IReadOnlySet<string> Started, IReadOnlySet<string> Stopped);

    /// <summary>Stored: these entities started, and these stopped (passivated).</summary>
    public sealed record Changed(IReadOnlyList<string> Started, IReadOnlyList<string> Stopped);

    /// <summary>Stored by earlier versions (one event for the starts of an update): these entities started. Still read.</summary>
    public sealed record Started(IReadOnlyList<string> Entities);

    /// <summary>Stored by earlier versions (one event for the stops of an update): these entities stopped. Still read.</summary>
    public sealed record Stopped(IReadOnlyList<string> Entities);

    /// <summary>Stored: every entity that should run.</summary>
    public sealed record Snapshot(IReadOnlyList<string> Entities);
}
