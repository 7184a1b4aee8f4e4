using Scheduler.Engine.Tasks;
using Scheduler.Persistence;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// Turns the journal's task events into <c>task_view</c> rows. It folds each task's events with the same pure
/// <see cref="TaskLifecycle.Apply"/> the entity uses, so a row says exactly what a get would. The state after the
/// last event of recently seen tasks is kept in memory; any other task (after a restart, or a batch that was rolled
/// back) is first folded again from its events in the journal.
/// </summary>
internal sealed class TaskViewProjection(IReadJournal events, int remembered = 10_000)
{
    private readonly Dictionary<string, (long SequenceNr, TaskRecord Task)> _recent = new(StringComparer.Ordinal);

    public async Task HandleAsync(ProjectionContext context, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not TaskEvent change || !envelope.PersistenceId.StartsWith(TaskEntity.PersistencePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var before = _recent.TryGetValue(envelope.PersistenceId, out var known) && known.SequenceNr == envelope.SequenceNr - 1
            ? known.Task
            : await FoldAsync(envelope.PersistenceId, envelope.SequenceNr - 1, cancellationToken).ConfigureAwait(false);
        var task = TaskLifecycle.Apply(before, change);
        if (_recent.Count >= remembered)
        {
            _recent.Clear();
        }

        _recent[envelope.PersistenceId] = (envelope.SequenceNr, task);
        if (task.State is TaskState.Deleted)
        {
            await TaskViewStore.DeleteAsync(context, task.Id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Labels come with the spec, which only a submit sets (a re-submit after a delete included).
            await TaskViewStore.WriteAsync(context, task, labelsChanged: change is TaskEvent.Submitted, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TaskRecord?> FoldAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        TaskRecord? task = null;
        if (toSequenceNr < 1)
        {
            return task;
        }

        await foreach (var stored in events.CurrentEventsByPersistenceId(persistenceId, 1, toSequenceNr, cancellationToken).ConfigureAwait(false))
        {
            if (stored.Event is TaskEvent change)
            {
                task = TaskLifecycle.Apply(task, change);
            }
        }

        return task;
    }
}
