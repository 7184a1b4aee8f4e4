namespace Scheduler.Actors;

/// <summary>
/// The default dispatcher: a mailbox run is a work item on the .NET thread pool. A mailbox woken by a message from a
/// running actor is queued on that worker's local queue (it is likely to run soon, on a warm cache); a mailbox that
/// used up its throughput with work left goes to the global queue, behind everything already waiting, so an actor
/// that floods itself cannot starve the others.
/// </summary>
internal sealed class ThreadPoolDispatcher(string id, int throughput) : MessageDispatcher(id, throughput)
{
    public override void Dispatch(Mailbox mailbox, bool fromPost) =>
        ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: fromPost);
}
