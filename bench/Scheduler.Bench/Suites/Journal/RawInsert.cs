using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Scheduler.Bench.Suites.Journal;

/// <summary>
/// The physical limit the journal is compared with: the same rows written straight through the same driver, as
/// multi-row INSERTs of <c>batchSize</c> rows per transaction on <c>parallelism</c> connections, with no actors,
/// queue, serializer or lock in the way.
/// </summary>
internal static class RawInsert
{
    /// <summary>Inserts <paramref name="entities"/> x <paramref name="eventsEach"/> rows and returns when all have committed.</summary>
    public static async Task WriteAsync(BenchDatabase database, int entities, int eventsEach, int batchSize, int parallelism, string prefix)
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
                await InsertBatchAsync(database, batches[index], payload).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private static async Task InsertBatchAsync(BenchDatabase database, (string Id, long Seq)[] batch, byte[] payload)
    {
        await using var connection = database.Connect();
        await connection.OpenAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
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

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
