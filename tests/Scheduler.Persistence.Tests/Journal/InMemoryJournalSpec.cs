using Scheduler.Actors.Serialization;

namespace Scheduler.Persistence.Tests.Journal;

public sealed class InMemoryJournalSpec : JournalSpec
{
    private InMemoryJournal? _storage;

    protected override Task<IJournal> OpenJournalAsync(SerializationRegistry serialization)
    {
        _storage = _storage is null ? new InMemoryJournal(serialization) : _storage.WithSerialization(serialization);
        return Task.FromResult<IJournal>(_storage);
    }

    protected override IReadJournal QueriesOf(IJournal journal) => ((InMemoryJournal)journal).ReadJournal;

    protected override Task CorruptAsync(string persistenceId, long sequenceNr)
    {
        _storage!.CorruptForTest(persistenceId, sequenceNr, "{not json"u8.ToArray());
        return Task.CompletedTask;
    }
}
