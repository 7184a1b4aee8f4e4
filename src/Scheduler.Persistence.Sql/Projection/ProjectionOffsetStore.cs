using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Reads and moves a projection's offset in <c>projection_offset</c>. A move names the offset it expects to replace,
/// so when two instances of one projection run at once, the one that lost the race finds its update matched no row,
/// rolls back its batch, and reloads: each event is applied once, whoever applies it.
/// </summary>
internal static class ProjectionOffsetStore
{
    public static async Task<long> ReadAsync(DbConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ordering FROM projection_offset WHERE name = @n";
        SqlDialect.Add(command, "@n", name);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Moves the offset from <paramref name="expected"/> to <paramref name="next"/> in the batch's transaction; false
    /// when another instance moved it first.
    /// </summary>
    public static async Task<bool> TryMoveAsync(ProjectionContext batch, string name, long expected, long next, long now, CancellationToken cancellationToken)
    {
        await using (var update = batch.Command(
            "UPDATE projection_offset SET ordering = @next, updated_at = @at WHERE name = @n AND ordering = @expected",
            ("@next", next), ("@at", now), ("@n", name), ("@expected", expected)))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return true;
            }
        }

        if (expected != 0)
        {
            return false;
        }

        // The first batch creates the row; a concurrent first batch fails on the primary key and rolls back.
        await using var insert = batch.Command(
            "INSERT INTO projection_offset (name, ordering, updated_at) VALUES (@n, @next, @at)", ("@n", name), ("@next", next), ("@at", now));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
