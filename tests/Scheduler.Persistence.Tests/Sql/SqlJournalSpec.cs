using System.Data.Common;
using Scheduler.Actors.Serialization;
using Scheduler.Persistence.Sql;
using Scheduler.Persistence.Tests.Journal;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>The journal suite on a SQL database: opening journals over one database and damaging a row are shared.</summary>
public abstract class SqlJournalSpec : JournalSpec
{
    private readonly List<SqlJournal> _opened = [];

    /// <summary>Options for this test's database.</summary>
    protected abstract Task<SqlPersistenceOptions> OptionsAsync();

    /// <summary>A new connection to this test's database (not opened).</summary>
    protected abstract DbConnection Connect();

    /// <summary>Removes this test's database.</summary>
    protected abstract Task RemoveDatabaseAsync();

    protected sealed override async Task<IJournal> OpenJournalAsync(SerializationRegistry serialization)
    {
        // Small pages exercise paging; an hour-long poll proves live queries are woken by this process's writes.
        var options = await OptionsAsync() with { QueryPageSize = 7, QueryRefreshInterval = TimeSpan.FromHours(1) };
        var (journal, _) = await SqlPersistence.OpenAsync(options, serialization, TimeProvider.System);
        _opened.Add(journal);
        return journal;
    }

    protected sealed override IReadJournal QueriesOf(IJournal journal) => ((SqlJournal)journal).ReadJournal;

    protected sealed override async Task CorruptAsync(string persistenceId, long sequenceNr)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE journal SET payload = @b WHERE persistence_id = @p AND sequence_nr = @s";
        SqlDialect.Add(command, "@b", "{not json"u8.ToArray());
        SqlDialect.Add(command, "@p", persistenceId);
        SqlDialect.Add(command, "@s", sequenceNr);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    public sealed override async Task DisposeAsync()
    {
        foreach (var journal in _opened)
        {
            await journal.DisposeAsync();
        }

        await RemoveDatabaseAsync();
    }
}
