namespace Scheduler.Persistence.Sql;

/// <summary>Which database the SQL journal talks to.</summary>
public enum SqlDatabase
{
    /// <summary>SQLite: embedded, one node (or several on one machine sharing a file).</summary>
    Sqlite,

    /// <summary>PostgreSQL: the store of a real cluster.</summary>
    Postgres,
}
