namespace Scheduler.Bench.Suites.Journal;

/// <summary>How the raw baseline writes its rows.</summary>
internal enum RawMethod
{
    /// <summary>Multi-row INSERT statements with seven parameters per row.</summary>
    MultiRowInsert,

    /// <summary>What the journal uses on this database: an INSERT of one array per column (PostgreSQL) or a prepared single-row INSERT (SQLite).</summary>
    JournalMethod,
}
