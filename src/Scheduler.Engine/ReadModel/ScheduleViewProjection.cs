using Scheduler.Engine.Schedules;
using Scheduler.Persistence;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>Turns the journal's schedule events into <c>schedule_view</c> rows, folding them with the entity's own <see cref="ScheduleLifecycle.Apply"/>.</summary>
internal sealed class ScheduleViewProjection(IReadJournal events)
{
    private readonly JournalFold<ScheduleEvent, ScheduleRecord> _fold = new(events, ScheduleEntity.PersistencePrefix, ScheduleLifecycle.Apply);

    private readonly LatestPerBatch<ScheduleView> _rows = new(Write);

    public async Task HandleAsync(ProjectionContext context, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (await _fold.NextAsync(envelope, cancellationToken).ConfigureAwait(false) is { } schedule)
        {
            var view = schedule.View();
            _rows.Add(context, view.Id, view);
        }
    }

    private static void Write(SqlStatementBatch batch, SqlDatabase database, IReadOnlyCollection<(ScheduleView View, bool Flag)> views)
    {
        foreach (var (view, _) in views)
        {
            if (view.Status is ScheduleStatus.Deleted)
            {
                ScheduleViewStore.Delete(batch, view.Id);
            }
            else
            {
                ScheduleViewStore.Write(batch, view);
            }
        }
    }
}
