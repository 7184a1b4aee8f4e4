using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Scheduler.Bench.Suites.Journal;

/// <summary>
/// What the journal is compared with: the same rows written straight through the same driver, <c>batchSize</c> rows
/// per transaction on <c>parallelism</c> connections, with no actors, queue, serializer or lock in the way; either as
/// multi-row INSERTs (the baseline) or with the statement the journal itself uses (an INSERT of arrays on PostgreSQL,
/// one prepared single-row INSERT per row on SQLite).
/// </summary>
internal static class RawInsert
{
    /// <summary>Inserts <paramref name="entities"/> x <paramref name="eventsEach"/> rows and returns when all have committed.</summary>
    public static async Task WriteAsync(BenchDatabase database, int entities, int eventsEach, int batchSize, int parallelism, string prefix, RawMethod method = RawMethod.MultiRowInsert)
    {
        var payload = BenchDatabase.Registry().Serialize(new Deposited(42)).Payload.ToArray();
        var rows = Enumerable.Range(0, entities)
            .SelectMany(e => Enumerable.Range(1, eventsEach).Select(n => (Id: $"{prefix}-{e}", Seq: (long)n)))
            .ToList();
        var batches = rows.Chunk(batchSize).ToList();
        var next = -1;
        var workers = Enumerable.Range(0, parallelism).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                await InsertBatchAsync(database, batches[index], payload, method).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private static async Task InsertBatchAsync(BenchDatabase database, (string Id, long Seq)[] batch, byte[] payload, RawMethod method)
    {
        await using var connection = database.Connect();
        await connection.OpenAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        if (method == RawMethod.JournalMethod)
        {
            await (connection is NpgsqlConnection npgsql
                ? ArraysAsync(npgsql, (NpgsqlTransaction)transaction, batch, payload)
                : PreparedRowsAsync(connection, transaction, batch, payload)).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder("INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, writer_id, created_at) VALUES ");
        for (var i = 0; i < batch.Length; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            text.Append(i == 0 ? "(" : ", (").Append("@p").Append(n).Append(", @s").Append(n).Append(", @m").Append(n).Append(", @b").Append(n)
                .Append(", @t").Append(n).Append(", @w").Append(n).Append(", @c").Append(n).Append(')');
            Add(command, "@p" + n, batch[i].Id);
            Add(command, "@s" + n, batch[i].Seq);
            Add(command, "@m" + n, Deposited.Manifest);
            Add(command, "@b" + n, payload);
            Add(command, "@t" + n, string.Empty);
            Add(command, "@w" + n, "raw");
            Add(command, "@c" + n, 0L);
        }

        command.CommandText = text.ToString();
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    // The journal's statement on PostgreSQL (PostgresDialect.InsertAsync), without its lock: the rows as one array per column.
    private static async Task ArraysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, (string Id, long Seq)[] batch, byte[] payload)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, writer_id, created_at)
            SELECT p, s, $3, b, '', 'raw', 0 FROM unnest($1::text[], $2::bigint[], $4::bytea[]) WITH ORDINALITY AS r(p, s, b, i) ORDER BY i
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = batch.Select(r => r.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = batch.Select(r => r.Seq).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Deposited.Manifest, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = batch.Select(_ => payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task PreparedRowsAsync(DbConnection connection, DbTransaction transaction, (string Id, long Seq)[] batch, byte[] payload)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, writer_id, created_at) VALUES (@p, @s, @m, @b, '', 'raw', 0)";
        Add(command, "@p", string.Empty);
        Add(command, "@s", 0L);
        Add(command, "@m", Deposited.Manifest);
        Add(command, "@b", payload);
        foreach (var (id, seq) in batch)
        {
            command.Parameters[0].Value = id;
            command.Parameters[1].Value = seq;
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
