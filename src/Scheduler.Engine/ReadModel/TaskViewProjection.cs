using Scheduler.Engine.Tasks;
using Scheduler.Persistence;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>Turns the journal's task events into <c>task_view</c> rows, folding them with the entity's own <see cref="TaskLifecycle.Apply"/>.</summary>
internal sealed class TaskViewProjection(IReadJournal events)
{
    private readonly JournalFold<TaskEvent, TaskRecord> _fold = new(events, TaskEntity.PersistencePrefix, TaskLifecycle.Apply);

    public async Task HandleAsync(ProjectionContext context, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (await _fold.NextAsync(envelope, cancellationToken).ConfigureAwait(false) is not { } task)
        {
            return;
        }

        if (task.State is TaskState.Deleted)
        {
            await TaskViewStore.DeleteAsync(context, task.Id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Labels come with the spec, which only a submit sets (a re-submit after a delete included).
            await TaskViewStore.WriteAsync(context, task, labelsChanged: envelope.Event is TaskEvent.Submitted, cancellationToken).ConfigureAwait(false);
        }
    }
}
