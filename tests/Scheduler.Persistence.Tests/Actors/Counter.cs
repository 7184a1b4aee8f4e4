using Scheduler.Actors;

namespace Scheduler.Persistence.Tests.Actors;

public sealed record Added(int Amount);

public sealed record CounterSnapshot(int Total, IReadOnlyList<int> History);

public sealed record Unserializable(string Value);

/// <summary>A persistent counter; it reports what it recovers and handles to a probe.</summary>
internal sealed class Counter : ReceivePersistentActor
{
    private readonly IActorRef _probe;
    private readonly List<int> _history = [];
    private int _total;

    private readonly Recovery _recovery;

    public Counter(string persistenceId, IActorRef probe, Recovery? recovery = null)
    {
        PersistenceId = persistenceId;
        _recovery = recovery ?? Recovery.Default;
        _probe = probe;
        Recover<Added>(Apply);
        Recover<SnapshotOffer>(offer =>
        {
            var snapshot = (CounterSnapshot)offer.Snapshot;
            _total = snapshot.Total;
            _history.AddRange(snapshot.History);
            _probe.Tell($"snapshot at {offer.Metadata.SequenceNr}", Self);
        });
        Recover<RecoveryCompleted>(_ => _probe.Tell($"recovered {_total} at {LastSequenceNr}", Self));

        Command<Add>(add => Persist(new Added(add.Amount), added =>
        {
            Apply(added);
            Sender.Tell(new State(_total, LastSequenceNr), Self);
        }));
        Command<AddAsync>(add => PersistAsync(new Added(add.Amount), added =>
        {
            Apply(added);
            Sender.Tell(new State(_total, LastSequenceNr), Self);
        }));
        Command<AddAll>(add => PersistAll(add.Amounts.Select(a => new Added(a)), added =>
        {
            Apply(added);
            Sender.Tell(new State(_total, LastSequenceNr), Self);
        }));
        Command<AddThenDefer>(add =>
        {
            Persist(new Added(add.Amount), Apply);
            Defer("deferred", d => Sender.Tell($"{d} after {_total}", Self));
        });
        Command<AddNested>(add => Persist(new Added(add.First), first =>
        {
            Apply(first);
            Persist(new Added(add.Second), second =>
            {
                Apply(second);
                Sender.Tell(new State(_total, LastSequenceNr), Self);
            });
        }));
        Command<AddNestedAsync>(add => PersistAsync(new Added(add.First), first =>
        {
            Apply(first);
            PersistAsync(new Added(add.Second), second =>
            {
                Apply(second);
                Sender.Tell(new State(_total, LastSequenceNr), Self);
            });
        }));
        Command<Reject>(_ => Persist(new Unserializable("x"), _ => Sender.Tell("must not run", Self)));
        Command<Get>(_ => Sender.Tell(new State(_total, LastSequenceNr), Self));
        Command<Snap>(_ => SaveSnapshot(new CounterSnapshot(_total, [.. _history])));
        Command<DeleteUpTo>(delete => DeleteMessages(delete.SequenceNr));
        Command<SaveSnapshotSuccess>(s => _probe.Tell($"snapshot saved at {s.Metadata.SequenceNr}", Self));
        Command<DeleteMessagesSuccess>(d => _probe.Tell($"deleted to {d.ToSequenceNr}", Self));
    }

    public override string PersistenceId { get; }

    protected override Recovery Recovery => _recovery;

    private void Apply(Added added)
    {
        _total += added.Amount;
        _history.Add(added.Amount);
    }

    public sealed record Add(int Amount);

    public sealed record AddAsync(int Amount);

    public sealed record AddAll(int[] Amounts);

    public sealed record AddThenDefer(int Amount);

    public sealed record AddNested(int First, int Second);

    public sealed record AddNestedAsync(int First, int Second);

    public sealed record Reject;

    public sealed record Get;

    public sealed record Snap;

    public sealed record DeleteUpTo(long SequenceNr);

    public sealed record State(int Total, long SequenceNr);
}
