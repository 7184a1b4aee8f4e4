using Scheduler.Actors;
using Scheduler.Persistence;

namespace Scheduler.Sharding.Tests.Coordinator;

/// <summary>
/// Writes a given history under a persistence id and answers <see cref="Seeded"/>: a spec uses it to give a
/// coordinator a journal it could only reach otherwise through crashes of real nodes.
/// </summary>
public sealed class JournalSeeder : ReceivePersistentActor
{
    public JournalSeeder(string persistenceId, IReadOnlyList<object> history)
    {
        PersistenceId = persistenceId;
        Command<Seed>(_ =>
        {
            var replyTo = Sender;
            PersistAll(history, _ => { });
            Defer(history.Count, _ => replyTo.Tell(new Seeded(LastSequenceNr), Self));
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, IReadOnlyList<object> history) =>
        Scheduler.Actors.Props.Create(() => new JournalSeeder(persistenceId, history));

    public sealed record Seed
    {
        public static Seed Instance { get; } = new();
    }

    public sealed record Seeded(long Events);
}
