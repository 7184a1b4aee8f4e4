using Scheduler.Persistence;

namespace Scheduler.Bench.Suites.Journal;

/// <summary>Recovers its entity and reports how many events it replayed.</summary>
internal sealed class Replayer : ReceivePersistentActor
{
    private long _replayed;

    public Replayer(string persistenceId, TaskCompletionSource<long> recovered)
    {
        PersistenceId = persistenceId;
        Recover<Deposited>(_ => _replayed++);
        Recover<RecoveryCompleted>(_ => recovered.TrySetResult(_replayed));
    }

    public override string PersistenceId { get; }
}
