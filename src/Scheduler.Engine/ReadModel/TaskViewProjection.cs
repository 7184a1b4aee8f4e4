using Scheduler.Engine.Tasks;
using Scheduler.Persistence;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>Turns the journal's task events into <c>task_view</c> rows, folding them with the entity's own <see cref="TaskLifecycle.Apply"/>.</summary>
internal sealed class TaskViewProjection(IReadJournal events)
{
    private readonly JournalFold<TaskEvent, TaskRecord> _fold = new(events, TaskEntity.PersistencePrefix, TaskLifecycle.Apply, settled: task => task.IsSettled);

    private readonly LatestPerBatch<TaskRecord> _rows = new(Write);

    public async Task HandleAsync(ProjectionContext context, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (await _fold.NextAsync(envelope, cancellationToken).ConfigureAwait(false) is { } task)
        {
            // Labels come with the spec, which only a submit sets (a re-submit after a delete included). A task's
            // first event has no older labels to remove, so without labels of its own it has none to write.
            var labelsChanged = envelope.Event is TaskEvent.Submitted && (envelope.SequenceNr > 1 || task.Spec.Labels.Count > 0);
            _rows.Add(context, task.Id, task, flag: labelsChanged);
        }
    }

    private static void Write(SqlStatementBatch batch, SqlDatabase database, IReadOnlyCollection<(TaskRecord Task, bool LabelsChanged)> tasks)
    {
        foreach (var (task, _) in tasks.Where(task => task.Task.State is TaskState.Deleted))
        {
            TaskViewStore.Delete(batch, task.Id);
        }

        TaskViewStore.Write(batch, database, [.. tasks.Where(task => task.Task.State is not TaskState.Deleted)]);
    }
}
