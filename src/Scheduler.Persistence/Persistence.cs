using Microsoft.Extensions.Logging;
using Scheduler.Actors;

namespace Scheduler.Persistence;

/// <summary>
/// The persistence extension of an actor system: its journal, its snapshot store, and the permits that bound how
/// many persistent actors recover at once. Call <see cref="Init"/> before the first persistent actor starts to use
/// a real store; otherwise the system falls back to in-memory stores, which lose everything when it stops.
/// </summary>
// MA0049: the extension keeps Akka's name, Persistence, although it repeats the namespace's last part.
#pragma warning disable MA0049
public sealed partial class Persistence
#pragma warning restore MA0049
{
    private readonly IReadJournal? _readJournal;

    private Persistence(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore, IReadJournal? readJournal)
    {
        System = system;
        Journal = journal;
        _readJournal = readJournal;
        SnapshotStore = snapshotStore;
        Settings = PersistenceSettings.Read(system.Configuration);
        RecoveryPermits = new SemaphoreSlim(Settings.MaxConcurrentRecoveries, Settings.MaxConcurrentRecoveries);
    }

    /// <summary>The system this extension belongs to.</summary>
    public ActorSystem System { get; }

    /// <summary>The journal persistent actors write to.</summary>
    public IJournal Journal { get; }

    /// <summary>The snapshot store.</summary>
    public ISnapshotStore SnapshotStore { get; }

    /// <summary>Queries over the journal (events by tag, by persistence id, persistence ids).</summary>
    /// <exception cref="InvalidOperationException">The journal was set without a read journal.</exception>
    public IReadJournal ReadJournal => _readJournal ?? throw new InvalidOperationException(
        $"Persistence of actor system {System.Name} has no read journal: pass one to Persistence.Init with the journal.");

    /// <summary>The settings in force.</summary>
    public PersistenceSettings Settings { get; }

    internal SemaphoreSlim RecoveryPermits { get; }

    /// <summary>The extension of <paramref name="system"/>, with in-memory stores if <see cref="Init"/> was never called.</summary>
    public static Persistence Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static s =>
        {
            InMemoryFallback(s.Log);
            var journal = new InMemoryJournal(s.Serialization);
            return new Persistence(s, journal, new InMemorySnapshotStore(s.Serialization), journal.ReadJournal);
        });
    }

    /// <summary>
    /// Sets the system's journal, snapshot store and, optionally, the read journal that queries the same events.
    /// Throws if persistence already started with other stores.
    /// </summary>
    public static Persistence Init(ActorSystem system, IJournal journal, ISnapshotStore snapshotStore, IReadJournal? readJournal = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshotStore);
        var extension = system.GetOrAddExtension(s => new Persistence(s, journal, snapshotStore, readJournal));
        return ReferenceEquals(extension.Journal, journal) && ReferenceEquals(extension.SnapshotStore, snapshotStore)
            ? extension
            : throw new InvalidOperationException(
                $"Persistence of actor system {system.Name} already started with other stores; call Persistence.Init before the first persistent actor starts.");
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "No journal was set with Persistence.Init; using in-memory stores, which lose every event when the process stops")]
    private static partial void InMemoryFallback(ILogger logger);
}
