namespace Scheduler.Actors;

/// <summary>
/// The default dispatcher: a mailbox run is a work item on the .NET thread pool, queued globally (not to the
/// current thread's local queue) so that runs are served in arrival order and busy actors do not starve others.
/// </summary>
internal sealed class ThreadPoolDispatcher(string id, int throughput) : MessageDispatcher(id, throughput)
{
    public override void Dispatch(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}
