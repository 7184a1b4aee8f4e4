using System.Data.Common;

namespace Scheduler.Persistence.Sql;

/// <summary>Creates the tables (when allowed) and checks that the schema version is the one this code writes.</summary>
internal static class SqlSchema
{
    // 2 added projection_offset and the journal_first_event index; 3 added lease. Starting with auto-initialize on
    // upgrades an older schema.
    public const int Version = 3;

    public static async Task EnsureAsync(SqlDialect dialect, bool create, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (create)
        {
            foreach (var statement in dialect.SchemaStatements)
            {
                await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
            }

            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO schema_version (version, applied_at) SELECT @v, @at WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = @v)";
            SqlDialect.Add(insert, "@v", Version);
            SqlDialect.Add(insert, "@at", time.GetUtcNow().ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int? found;
        try
        {
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT MAX(version) FROM schema_version";
            var value = await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            found = value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException exception)
        {
            throw new InvalidOperationException(
                $"The {dialect.Name} database has no journal schema. Create it by starting with auto-initialize on (scheduler.persistence.sql.auto-initialize), or run the statements of the schema first.", exception);
        }

        if (found != Version)
        {
            throw new InvalidOperationException(
                $"The {dialect.Name} journal schema is at version {found?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, but this build writes version {Version}.");
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string statement, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = statement;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
