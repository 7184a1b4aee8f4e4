using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Keeps the last state of each entity seen in a projection batch and writes each one once, just before the batch
/// commits. A task's submit, dispatch, start and end usually land in the same batch: one row write replaces four.
/// A batch that fails is rolled back and read again with a new context, which starts a new set.
/// </summary>
/// <param name="write">
/// Adds the statements that write the entities' last states to the batch, in the database's dialect; an entity's flag
/// is set when any of the batch's events set it.
/// </param>
internal sealed class LatestPerBatch<TState>(Action<SqlStatementBatch, SqlDatabase, IReadOnlyCollection<(TState State, bool Flag)>> write)
{
    private readonly Dictionary<string, (TState State, bool Flag)> _pending = new(StringComparer.Ordinal);
    private ProjectionContext? _batch;

    public void Add(ProjectionContext context, string id, TState state, bool flag = false)
    {
        if (!ReferenceEquals(context, _batch))
        {
            _pending.Clear();
            _batch = context;
            context.BeforeCommit(cancellationToken => FlushAsync(context, cancellationToken));
        }

        _pending[id] = (state, flag || (_pending.TryGetValue(id, out var earlier) && earlier.Flag));
    }

    private async Task FlushAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        var batch = context.Batch();
        write(batch, context.Database, _pending.Values);
        _pending.Clear();
        await batch.ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }
}
