namespace Scheduler.Remote.Delivery;

/// <summary>
/// The receiving half of reliable system messages from one peer incarnation: a message is delivered only when it
/// is the next in order; a repeat is acknowledged again but not delivered twice; a gap waits for the resend.
/// </summary>
internal sealed class SystemMessageReceiver
{
    private readonly Lock _gate = new();
    private ulong _delivered;

    /// <summary>The highest number delivered, which is what an acknowledgement carries.</summary>
    public ulong Delivered
    {
        get
        {
            lock (_gate)
            {
                return _delivered;
            }
        }
    }

    /// <summary>True when <paramref name="sequence"/> is the next one and should be delivered now.</summary>
    public bool Accept(ulong sequence)
    {
        lock (_gate)
        {
            if (sequence != _delivered + 1)
            {
                return false;
            }

            _delivered = sequence;
            return true;
        }
    }
}
