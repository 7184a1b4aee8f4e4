using Npgsql;

namespace Scheduler.Engine.Tests.MultiNode.Witness;

/// <summary>
/// The execution witness of multi-node specs: a table in the specs' PostgreSQL server where every attempt of a
/// witnessed task writes its beginning and its end, stamped by the server's clock, so that attempts on different
/// processes are ordered by one clock. What the engine says about a task is checked against what really ran.
/// </summary>
public sealed class WitnessLog(NpgsqlDataSource database)
{
    public static async Task CreateAsync(NpgsqlDataSource database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand("""
            CREATE TABLE IF NOT EXISTS witness_attempt (
              task_id text NOT NULL, attempt int NOT NULL, node text NOT NULL,
              began timestamptz NOT NULL, ended timestamptz, outcome text,
              PRIMARY KEY (task_id, attempt, node));
            CREATE TABLE IF NOT EXISTS witness_departure (node text NOT NULL, at timestamptz NOT NULL);
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task BeganAsync(string taskId, int attempt, string node)
    {
        await using var command = Command("INSERT INTO witness_attempt (task_id, attempt, node, began) VALUES ($1, $2, $3, clock_timestamp())", taskId, attempt, node);
        await command.ExecuteNonQueryAsync();
    }

    public async Task EndedAsync(string taskId, int attempt, string node, string outcome)
    {
        await using var command = Command("UPDATE witness_attempt SET ended = clock_timestamp(), outcome = $4 WHERE task_id = $1 AND attempt = $2 AND node = $3", taskId, attempt, node, outcome);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Records that <paramref name="node"/> is gone by now.</summary>
    public async Task DepartedAsync(string node)
    {
        await using var command = Command("INSERT INTO witness_departure (node, at) VALUES ($1, clock_timestamp())", node);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<WitnessedAttempt>> AttemptsAsync()
    {
        await using var command = database.CreateCommand("SELECT task_id, attempt, node, began, ended, outcome FROM witness_attempt");
        await using var reader = await command.ExecuteReaderAsync();
        var attempts = new List<WitnessedAttempt>();
        while (await reader.ReadAsync())
        {
            attempts.Add(new WitnessedAttempt(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetDateTime(3),
                reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return attempts;
    }

    public async Task<IReadOnlyList<Departure>> DeparturesAsync()
    {
        await using var command = database.CreateCommand("SELECT node, at FROM witness_departure");
        await using var reader = await command.ExecuteReaderAsync();
        var departures = new List<Departure>();
        while (await reader.ReadAsync())
        {
            departures.Add(new Departure(reader.GetString(0), reader.GetDateTime(1)));
        }

        return departures;
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return command;
    }
}
