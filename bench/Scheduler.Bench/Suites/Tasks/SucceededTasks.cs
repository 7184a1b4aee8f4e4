using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Journal;
using static System.FormattableString;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>
/// When tasks are done for the benchmark: their <c>AttemptSucceeded</c> events are in the journal. It waits for the
/// executor's start count first (cheap, in memory) and only then counts rows, so the database is polled only
/// for the last few milliseconds of a run.
/// </summary>
internal sealed class SucceededTasks(BenchDatabase database, StartLatencies starts)
{
    private const string Manifest = "engine.task.attempt-succeeded";

    public async Task UntilAsync(int total)
    {
        await Deadline.UntilAsync(() => starts.Started >= total, () => Invariant($"{total:N0} attempts started ({starts.Started:N0} so far)"),
            TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        long succeeded = 0;
        await Deadline.UntilAsync(() => (succeeded = Count()) >= total, () => Invariant($"{total:N0} tasks succeeded in the journal ({succeeded:N0} so far)"),
            TimeSpan.FromMinutes(2)).ConfigureAwait(false);
    }

    private long Count()
    {
        using var connection = database.Connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM journal WHERE manifest = '{Manifest}'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
