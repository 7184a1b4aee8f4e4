using Scheduler.Actors;
using Scheduler.Sharding.Internal;

namespace Scheduler.Sharding.Coordinator;

/// <summary>
/// Moves one shard off its region for the coordinator: every region (and proxy) first forgets where the shard lives
/// and holds its messages; only when all have said so is the hosting region told to hand the shard off, and the
/// worker waits for the shard to stop. It always ends, within the hand-off timeout: a region that dies counts as
/// done, and a timeout reports failure so the coordinator leaves the shard where it was.
/// </summary>
internal sealed class RebalanceWorker : ReceiveActor, IWithTimers
{
    private readonly string _shard;
    private readonly IActorRef _from;
    private readonly HashSet<IActorRef> _awaitingAck;
    private readonly TimeSpan _timeout;
    private bool _handingOff;

    public RebalanceWorker(string shard, IActorRef from, IReadOnlyCollection<IActorRef> regions, TimeSpan timeout)
    {
        _shard = shard;
        _from = from;
        _awaitingAck = [.. regions];
        Receive<ShardingProtocol.BeginHandOffAck>(_ => Acked(Sender), ack => string.Equals(ack.Shard, _shard, StringComparison.Ordinal));
        Receive<ShardingProtocol.ShardStopped>(_ => Done(ok: true), stopped => string.Equals(stopped.Shard, _shard, StringComparison.Ordinal));
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_from))
            {
                // The shard's region is gone, and the shard with it.
                Done(ok: true);
                return;
            }

            Acked(terminated.ActorRef);
        });
        Receive<TimedOut>(_ => Done(ok: false));
        _timeout = timeout;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string shard, IActorRef from, IReadOnlyCollection<IActorRef> regions, TimeSpan timeout) =>
        Actors.Props.Create(() => new RebalanceWorker(shard, from, regions, timeout));

    protected override void PreStart()
    {
        Timers.StartSingleTimer("timeout", TimedOut.Instance, _timeout);
        Context.Watch(_from);
        foreach (var region in _awaitingAck)
        {
            Context.Watch(region);
            region.Tell(new ShardingProtocol.BeginHandOff(_shard), Self);
        }

        HandOffWhenAllAcked();
    }

    private void Acked(IActorRef region)
    {
        _awaitingAck.Remove(region);
        HandOffWhenAllAcked();
    }

    private void HandOffWhenAllAcked()
    {
        if (_handingOff || _awaitingAck.Count > 0)
        {
            return;
        }

        _handingOff = true;
        _from.Tell(new ShardingProtocol.HandOff(_shard), Self);
    }

    private void Done(bool ok)
    {
        Context.Parent.Tell(new RebalanceDone(_shard, ok), Self);
        Context.Stop(Self);
    }

    /// <summary>The hand-off of <paramref name="Shard"/> ended: stopped (<paramref name="Ok"/>) or given up.</summary>
    public sealed record RebalanceDone(string Shard, bool Ok);

    private sealed record TimedOut
    {
        public static TimedOut Instance { get; } = new();
    }
}
