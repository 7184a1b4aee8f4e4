using Scheduler.Sharding.Extraction;

namespace Scheduler.Engine.Tasks;

/// <summary>Routes every message for a task by its task id.</summary>
internal sealed class TaskMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message switch
    {
        TaskCommand command => command.TaskId,
        AttemptReport report => report.TaskId,
        TaskInput.Wake wake => wake.TaskId,
        TaskInput.Offer offer => offer.TaskId,
        TaskInput.Woken woken => woken.TaskId,
        TaskInput.ChildEnded ended => ended.ParentId,
        TaskInput.CancelChild cancel => cancel.TaskId,
        _ => base.EntityId(message),
    };
}
