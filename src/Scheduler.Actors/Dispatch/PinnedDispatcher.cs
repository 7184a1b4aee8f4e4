namespace Scheduler.Actors;

/// <summary>
/// A dispatcher that gives one actor a thread of its own, for actors that block (file or process I/O, native calls)
/// and would otherwise hold a thread-pool thread hostage. One instance serves exactly one actor; its thread ends
/// when the actor stops.
/// </summary>
internal sealed class PinnedDispatcher(string id, int throughput) : MessageDispatcher(id, throughput)
{
    // A monitor rather than a semaphore: nothing to dispose, so a late poster can never hit a disposed signal.
    private readonly object _gate = new();
    private bool _signalled;
    private bool _stopped;
    private Thread? _thread;
    private Mailbox? _mailbox;

    public override void Dispatch(Mailbox mailbox, bool fromPost)
    {
        lock (_gate)
        {
            if (_thread is null)
            {
                _mailbox = mailbox;
                _thread = new Thread(Loop)
                {
                    IsBackground = true,
                    Name = $"pinned {mailbox.Cell.Self.Path.ToStringWithoutAddress()}",
                };
                _thread.Start();
            }

            _signalled = true;
            Monitor.Pulse(_gate);
        }
    }

    public override void Detach(Mailbox mailbox)
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        while (true)
        {
            lock (_gate)
            {
                while (!_signalled && !_stopped)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopped)
                {
                    return;
                }

                _signalled = false;
            }

            _mailbox!.Execute();
        }
    }
}
