using Scheduler.Bench.Measurement;
using Scheduler.Persistence;

namespace Scheduler.Bench.Suites.Journal;

/// <summary>
/// Persists <c>count</c> events one after another when told to Go, each Persist waiting for the one before it (so
/// commands stash meanwhile, as an entity's would), and signals when the last is written.
/// </summary>
internal sealed class Persister : ReceivePersistentActor
{
    private long _remaining;

    public Persister(string persistenceId, CompletionCounter ready, CompletionCounter done)
    {
        PersistenceId = persistenceId;
        Recover<Deposited>(_ => { });
        Recover<RecoveryCompleted>(_ => ready.Signal());
        Command<Go>(go =>
        {
            _remaining = go.Count;
            PersistNext(done);
        });
    }

    public override string PersistenceId { get; }

    private void PersistNext(CompletionCounter done) =>
        Persist(new Deposited(_remaining), _ =>
        {
            if (--_remaining == 0)
            {
                done.Signal();
            }
            else
            {
                PersistNext(done);
            }
        });

    public sealed record Go(long Count);
}
