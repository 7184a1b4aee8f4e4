using System.Data.Common;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>Reads one page of a listing: one row more than the page holds tells whether a next page exists, and where it starts.</summary>
// MA0004 flags every `await using`; nothing here runs on an actor's context and every explicit await says ConfigureAwait(false).
#pragma warning disable MA0004
internal static class PageReader
{
    /// <summary>
    /// Runs <paramref name="sql"/> (ordered, without its LIMIT) for at most <paramref name="limit"/> rows; the cursor
    /// is null on the last page.
    /// </summary>
    public static async Task<(List<T> Items, string? Next)> ReadAsync<T>(
        SqlJournal journal, string sql, List<(string, object?)> parameters, int limit, Func<DbDataReader, T> read, Func<T, ListingCursor> cursorOf,
        CancellationToken cancellationToken)
    {
        await using var connection = await journal.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Create(connection, null, sql + " LIMIT @limit", [.. parameters, ("@limit", limit + 1)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(read(reader));
        }

        if (items.Count <= limit)
        {
            return (items, null);
        }

        items.RemoveAt(items.Count - 1);
        return (items, cursorOf(items[^1]).ToString());
    }
}
