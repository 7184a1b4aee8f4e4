using Scheduler.Sharding.Extraction;

namespace Scheduler.Engine.Schedules;

/// <summary>Routes every message for a schedule by its schedule id.</summary>
internal sealed class ScheduleMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message switch
    {
        ScheduleCommand command => command.ScheduleId,
        ScheduleInput.Wake wake => wake.ScheduleId,
        ScheduleInput.Woken woken => woken.ScheduleId,
        ScheduleInput.OccurrenceEnded ended => ended.ScheduleId,
        _ => base.EntityId(message),
    };
}
