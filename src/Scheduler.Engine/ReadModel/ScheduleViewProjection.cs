using Scheduler.Engine.Schedules;
using Scheduler.Persistence;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>Turns the journal's schedule events into <c>schedule_view</c> rows, folding them with the entity's own <see cref="ScheduleLifecycle.Apply"/>.</summary>
internal sealed class ScheduleViewProjection(IReadJournal events)
{
    private readonly JournalFold<ScheduleEvent, ScheduleRecord> _fold = new(events, ScheduleEntity.PersistencePrefix, ScheduleLifecycle.Apply);

    public async Task HandleAsync(ProjectionContext context, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (await _fold.NextAsync(envelope, cancellationToken).ConfigureAwait(false) is not { } schedule)
        {
            return;
        }

        var view = schedule.View();
        if (view.Status is ScheduleStatus.Deleted)
        {
            await ScheduleViewStore.DeleteAsync(context, view.Id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ScheduleViewStore.WriteAsync(context, view, cancellationToken).ConfigureAwait(false);
        }
    }
}
